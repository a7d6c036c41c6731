//! Numbers with a unit as config files write them: durations, percentages, Kubernetes quantities.

/// `30s` → (30, "s"), `500m` → (500, "m"), `100%` → (100, "%"), `1.5` → (1.5, "").
pub fn quantity(text: &str) -> Option<(f64, &str)> {
    let text = text.trim();
    let split = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '-' || c == '+'))))
        .map_or(text.len(), |(i, _)| i);
    let (number, unit) = text.split_at(split);
    let value: f64 = number.parse().ok()?;
    unit.chars()
        .all(|c| c.is_ascii_alphabetic() || c == '%')
        .then_some((value, unit))
}
