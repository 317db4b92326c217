//! Verified identity: who the host page says the user is, vouched for by a token the marketplace's backend
//! signed (HS256 with the site's secret). The desk verifies the token; the widget only carries it, in the
//! [`IDENTITY_HEADER`] of its requests, and shows what the desk answered.
//!
//! No cryptography here: this module is compiled into the widget, which never sees the secret.

use crate::tickets::{Priority, Queue, TicketStatus};
use serde::{Deserialize, Serialize};

pub use crate::context::Role;

/// The request header that carries the identity token to `POST /v1/tickets` and `GET /v1/me/tickets`.
pub const IDENTITY_HEADER: &str = "X-Signpost-Identity";
/// Longest user id (the token's `sub` claim), in characters.
pub const USER_ID_MAX_CHARS: usize = 128;
/// Longest display name (the token's `name` claim), in characters.
pub const NAME_MAX_CHARS: usize = 120;

/// A user as the marketplace vouched for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Identity {
    /// The marketplace's own id for the user (the token's `sub`), 1–128 characters.
    pub user_id: String,
    /// Where replies go.
    pub email: String,
    /// How to address the user; `null` when the token carries none.
    #[serde(default)]
    pub name: Option<String>,
    /// Which side of the marketplace the user is on.
    pub role: Role,
}

/// `POST /v1/identity`: a token to check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityRequest {
    /// The JWT the host page passed to `Signpost('identify', { token })`.
    pub token: String,
}

/// The answer to `POST /v1/identity` when the token is good: who it names, and until when it is good.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IdentityCheck {
    /// `user_id`, `email`, `name` and `role`, at the top level.
    #[serde(flatten)]
    pub identity: Identity,
    /// RFC 3339 UTC: the token's `exp`. Past it the desk treats the user as anonymous again.
    pub expires_at: String,
}

/// One line of `GET /v1/me/tickets`: a ticket the identified user filed, with the access token that opens its
/// thread through `GET /v1/tickets/{id}` on any device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserTicket {
    /// e.g. `SP-1042`.
    pub id: String,
    /// The bearer token for the ticket's thread.
    pub access_token: String,
    /// The subject, card numbers masked.
    pub subject: String,
    /// Where it stands.
    pub status: TicketStatus,
    /// The team working it.
    pub queue: Queue,
    /// How urgent it is.
    pub priority: Priority,
    /// RFC 3339 UTC: when a first reply is due.
    pub first_response_due: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_identity_check_is_flat_and_round_trips() {
        let check = IdentityCheck {
            identity: Identity {
                user_id: "u-1".into(),
                email: "lena@example.com".into(),
                name: None,
                role: Role::Seller,
            },
            expires_at: "2026-03-06T18:30:00Z".into(),
        };
        let value = serde_json::to_value(&check).unwrap();
        assert_eq!(
            value,
            json!({"user_id": "u-1", "email": "lena@example.com", "name": null, "role": "seller",
                   "expires_at": "2026-03-06T18:30:00Z"})
        );
        assert_eq!(
            serde_json::from_value::<IdentityCheck>(value).unwrap(),
            check
        );
    }

    #[test]
    fn the_name_may_be_left_out_but_the_role_is_buyer_or_seller() {
        let identity: Identity =
            serde_json::from_value(json!({"user_id": "u-2", "email": "a@b.co", "role": "buyer"}))
                .unwrap();
        assert_eq!((identity.name, identity.role), (None, Role::Buyer));
        assert!(
            serde_json::from_value::<Identity>(
                json!({"user_id": "u-2", "email": "a@b.co", "role": "admin"})
            )
            .is_err()
        );
    }

    #[test]
    fn user_tickets_use_the_ticket_wire_names() {
        let line = UserTicket {
            id: "SP-1001".into(),
            access_token: "t".into(),
            subject: "Late".into(),
            status: TicketStatus::Pending,
            queue: Queue::Orders,
            priority: Priority::High,
            first_response_due: "2026-03-06T19:30:00Z".into(),
            created_at: "2026-03-06T17:30:00Z".into(),
        };
        let value = serde_json::to_value(&line).unwrap();
        assert_eq!(
            (&value["status"], &value["queue"], &value["priority"]),
            (&json!("pending"), &json!("orders"), &json!("high"))
        );
        assert_eq!(serde_json::from_value::<UserTicket>(value).unwrap(), line);
    }
}
