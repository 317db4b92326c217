//! The body of `POST /v1/tickets`: any JSON, read into a ticket as the desk reads it, then validated, triaged
//! and masked. Nothing may panic; a body that is not a ticket is refused with a message; validation names
//! each field at most once, by its path, with a message, and asks for the email only of anonymous users;
//! triage puts the queue's reason first, never makes a ticket urgent from what the page sent alone, and
//! never lowers the priority when the desk knows of an incident; its reasons travel as codes that read back
//! the same; and masking card numbers twice changes nothing more (unless a card's last four digits run on
//! into other digits).

#![no_main]

use libfuzzer_sys::fuzz_target;
use signpost_core::identity::{Identity, Role};
use signpost_core::feed::{Impact, Incident, IncidentStatus};
use signpost_core::tickets::{
    DEFAULT_TOPICS, NewTicket, Priority, TriageReason, mask_card_numbers, validate,
};
use signpost_core::wire::{FieldError, Problem};
use signpost_desk::tickets::triage;
use signpost_fuzz::explained;

/// The top-level fields a problem may name (context fields by their dotted path).
const FIELDS: [&str; 4] = ["topic", "subject", "message", "email"];

fuzz_target!(|data: &[u8]| {
    let ticket: NewTicket = match serde_json::from_slice(data) {
        Ok(ticket) => ticket,
        Err(error) => return explained(&error),
    };
    let topics: Vec<&str> = DEFAULT_TOPICS.iter().map(|(id, _)| *id).collect();
    let anonymous = validate(&ticket, &topics, false);
    let identified = validate(&ticket, &topics, true);
    for (index, problem) in anonymous.iter().enumerate() {
        let field = problem.field.as_str();
        assert!(
            FIELDS.contains(&field) || field.starts_with("context."),
            "{problem:?}"
        );
        assert!(!problem.message.trim().is_empty(), "{problem:?}");
        assert_ne!(problem.problem, Problem::Unknown);
        assert!(
            anonymous[..index]
                .iter()
                .all(|earlier| earlier.field != field),
            "{field} named twice"
        );
        let wire = serde_json::to_string(problem).expect("a problem serialises");
        assert_eq!(
            serde_json::from_str::<FieldError>(&wire).as_ref().ok(),
            Some(problem)
        );
    }
    let email_required = FieldError::new("email", Problem::Required);
    let without_email: Vec<&FieldError> = anonymous
        .iter()
        .filter(|problem| **problem != email_required)
        .collect();
    assert_eq!(without_email, identified.iter().collect::<Vec<_>>());

    let outage = Incident {
        id: "inc-1".into(),
        name: "Card payments failing".into(),
        status: IncidentStatus::Investigating,
        impact: Impact::Critical,
        ..Incident::default()
    };
    let seller = Identity {
        user_id: "u-1".into(),
        email: "lena@example.com".into(),
        name: None,
        role: Role::Seller,
    };
    for identity in [None, Some(&seller)] {
        let calm = triage(&ticket, identity, &[]);
        let known = triage(&ticket, identity, std::slice::from_ref(&outage));
        assert!(
            calm.priority <= Priority::High,
            "urgent from the page alone: {calm:?}"
        );
        assert!(known.priority >= calm.priority, "{calm:?} then {known:?}");
        for decided in [&calm, &known] {
            match &decided.reasons[..] {
                [
                    TriageReason::Topic { queue, .. } | TriageReason::MessageWords { queue, .. },
                    _,
                    ..,
                ] => {
                    assert_eq!(*queue, decided.queue)
                }
                reasons => panic!("no queue reason and priority reason: {reasons:?}"),
            }
            let urgent_reason = decided
                .reasons
                .iter()
                .any(|reason| matches!(reason, TriageReason::Incident { .. }));
            assert_eq!(
                decided.priority == Priority::Urgent,
                urgent_reason,
                "{decided:?}"
            );
            let wire = serde_json::to_string(&decided.reasons).expect("reasons serialise");
            let back: Vec<TriageReason> = serde_json::from_str(&wire).expect("reasons read back");
            assert_eq!(back, decided.reasons, "{wire}");
        }
    }

    for text in [&ticket.subject, &ticket.message] {
        let (masked, _) = mask_card_numbers(text);
        if !runs_on(&masked) {
            assert_eq!(
                mask_card_numbers(&masked),
                (masked.clone(), false),
                "{text:?}"
            );
        }
    }
});

/// What a masked card starts with (its last four digits follow).
const MASK: &str = "•••• •••• •••• ";

/// Whether a masked card's last four digits run on into more digits within the next four characters: then
/// they may read as part of a new number (`4111 1111 1111 1111-123456786` masks to `…1111-123456786`, 13
/// digits that pass Luhn), and masking again would mask that too. Nothing of the card beyond its last four
/// is in the text either way.
fn runs_on(masked: &str) -> bool {
    masked.match_indices(MASK).any(|(at, mask)| {
        masked[at + mask.len()..]
            .chars()
            .skip(4)
            .take(4)
            .any(char::is_numeric)
    })
}
