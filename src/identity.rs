//! Who the user is, as one context: anonymous until the desk has verified the token the page passed to
//! `Signpost('identify', { token })`.

use crate::api::Api;
use crate::host::warn;
use crate::outbox::Outbox;
use leptos::prelude::*;
use signpost_core::identity::Identity;

/// A user the desk vouched for: the page's token (sent with their tickets) and who it names.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    pub token: String,
    pub identity: Identity,
}

/// The verified user, if any.
#[derive(Clone, Copy)]
pub struct VerifiedUser(RwSignal<Option<Verified>>);

impl VerifiedUser {
    /// Anonymous.
    pub fn new() -> Self {
        VerifiedUser(RwSignal::new(None))
    }

    /// The verified user's email (tracked): the desk replies there, so the form does not ask for it.
    pub fn email(&self) -> Option<String> {
        self.0
            .with(|v| v.as_ref().map(|v| v.identity.email.clone()))
    }

    /// The verified user's email now, for an event handler.
    pub fn email_untracked(&self) -> Option<String> {
        self.0
            .with_untracked(|v| v.as_ref().map(|v| v.identity.email.clone()))
    }

    /// The token to send with the user's tickets, now.
    pub fn token(&self) -> Option<String> {
        self.0
            .try_with_untracked(|v| v.as_ref().map(|v| v.token.clone()))
            .flatten()
    }

    /// Asks the desk to verify `token`; only a verified identity is ever used. `outbox` then holds that user's
    /// tickets: those stored for them on this browser, and those filed elsewhere. A refused token leaves the user anonymous, and says why in the
    /// console for the page's developers.
    pub fn identify(self, token: String, api: Api, outbox: Outbox) {
        leptos::task::spawn_local(async move {
            match api.identify(&token).await {
                Ok(check) => {
                    outbox.claim(&check.identity.user_id);
                    self.0.set(Some(Verified {
                        token: token.clone(),
                        identity: check.identity,
                    }));
                    if let Ok(tickets) = api.my_tickets(&token).await {
                        outbox.add_from_desk(tickets);
                    }
                }
                Err(err) => {
                    self.0.set(None);
                    let reason = err
                        .body()
                        .map_or_else(|| err.to_string(), |body| body.message);
                    warn(&format!(
                        "identify: the desk did not accept the token ({reason}); the user stays anonymous"
                    ));
                }
            }
        });
    }
}

impl Default for VerifiedUser {
    fn default() -> Self {
        VerifiedUser::new()
    }
}
