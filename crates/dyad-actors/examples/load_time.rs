//! How long the dictionary takes to load (the data files compiled in, parsed on first use):
//! `cargo run --release -p dyad-actors --example load_time`.
fn main() {
    let t = std::time::Instant::now();
    let d = dyad_actors::dictionary();
    println!(
        "{} states, {} organisations, {} people ({} from the world table), {} titles: {:.1} ms",
        d.states.len(),
        d.organizations.len(),
        d.people.len(),
        d.people.len() - d.world_from,
        d.titles.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
}
