//! Who is who in the seeds and samples, against `fixtures/actors.toml` (written by hand
//! from the texts). Needs the models (`dyad models fetch`); without them the test prints a
//! note and passes.

use dyad_core::EntityRecord;
use serde::Deserialize;

mod common;

#[derive(Deserialize)]
struct Fixture {
    doc: Vec<Doc>,
}

#[derive(Deserialize)]
struct Doc {
    dir: String,
    file: String,
    people: Vec<PersonWant>,
    #[serde(default)]
    states: Vec<StateWant>,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    orgs: Vec<String>,
}

#[derive(Deserialize)]
struct PersonWant {
    name: String,
    country: String,
    office: Option<String>,
    sector: Option<String>,
}

#[derive(Deserialize)]
struct StateWant {
    code: String,
    surfaces: Vec<String>,
}

fn surfaces(e: &EntityRecord) -> Vec<&str> {
    e.mentions.iter().map(|m| m.text.as_str()).collect()
}

#[test]
fn every_person_state_and_place_as_a_careful_reader_has_them() {
    let Some(pipeline) = common::pipeline_or_skip("the actor test") else {
        return;
    };
    let mut stream = dyad_core::Stream::new(&pipeline);
    let fixture: Fixture =
        toml::from_str(include_str!("fixtures/actors.toml")).expect("actors.toml parses");
    let mut failures = Vec::new();
    for want in &fixture.doc {
        let Some(doc) = common::fixture_document(&want.dir, &want.file) else {
            continue;
        };
        let record = stream.process(&doc);
        let mut fail = |what: String| failures.push(format!("{}: {what}", want.file));
        let people: Vec<&EntityRecord> =
            record.entities.iter().filter(|e| e.kind == "PER").collect();
        for p in &want.people {
            let Some(e) = people.iter().find(|e| e.name == p.name) else {
                fail(format!("no person {}", p.name));
                continue;
            };
            if e.country.as_deref() != Some(p.country.as_str()) {
                fail(format!(
                    "{}: country {:?}, want {}",
                    p.name, e.country, p.country
                ));
            }
            if p.office.is_some() && e.office != p.office {
                fail(format!(
                    "{}: office {:?}, want {:?}",
                    p.name, e.office, p.office
                ));
            }
            if p.sector.is_some() && e.sector != p.sector {
                fail(format!(
                    "{}: sector {:?}, want {:?}",
                    p.name, e.sector, p.sector
                ));
            }
        }
        for e in &people {
            if !want.people.iter().any(|p| p.name == e.name) {
                fail(format!("unexpected person {} {:?}", e.name, surfaces(e)));
            }
        }
        for s in &want.states {
            let Some(e) = record
                .entities
                .iter()
                .find(|e| e.kind == "GPE" && e.country.as_deref() == Some(s.code.as_str()))
            else {
                fail(format!("no state {}", s.code));
                continue;
            };
            for surface in &s.surfaces {
                if !surfaces(e).contains(&surface.as_str()) {
                    fail(format!(
                        "{}: {surface} is not among {:?}",
                        s.code,
                        surfaces(e)
                    ));
                }
            }
        }
        for place in &want.places {
            let as_place = record
                .entities
                .iter()
                .any(|e| e.kind == "LOC" && surfaces(e).contains(&place.as_str()));
            if !as_place {
                fail(format!("{place} is not a place"));
            }
        }
        for org in &want.orgs {
            if !record
                .entities
                .iter()
                .any(|e| e.kind == "ORG" && e.name == *org)
            {
                fail(format!("no organisation {org}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
