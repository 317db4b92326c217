//! A document as the help center hands it to search, and its audience as indexed.

use signpost_core::help::Audience;

/// A document to index.
pub struct Indexed<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub tags: &'a [String],
    pub text: &'a str,
    pub audience: Audience,
    pub locale: &'a str,
}

/// The audience as an index keyword.
pub fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::Buyer => "buyer",
        Audience::Seller => "seller",
        Audience::All => "all",
    }
}
