//! Dates written in Russian page text ("05 декабря, 2025", "08 Февраля 2025 15:05").
