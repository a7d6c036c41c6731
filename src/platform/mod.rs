//! CI platforms: where the change, its reviews and the place to report come from APIs.

pub mod github;
pub mod gitlab;
pub mod http;
