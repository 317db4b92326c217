//! The widget's components in a real browser: mounted into a fresh element, driven like a user would.

#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use signpost::{App, Contexts, Host};
use signpost_core::context::Role;
use signpost_core::embed::{EmbedConfig, Surface};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted widget and the events it emitted.
struct Mounted {
    root: web_sys::HtmlElement,
    contexts: Contexts,
    events: Rc<RefCell<Vec<String>>>,
}

impl Mounted {
    fn new() -> Self {
        let document = web_sys::window().unwrap().document().unwrap();
        let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
        document.body().unwrap().append_child(&root).unwrap();
        let events = Rc::new(RefCell::new(Vec::new()));
        let log = events.clone();
        let emit =
            Closure::<dyn Fn(String, JsValue)>::new(move |name: String, _detail: JsValue| {
                log.borrow_mut().push(name)
            });
        // Browsers refuse the discard port outright: every call to the desk fails at once, as when offline.
        let config: EmbedConfig = serde_json::from_value(serde_json::json!({
            "desk": "http://127.0.0.1:9", "surface": Surface::Checkout, "locale": "en",
        }))
        .unwrap();
        let widget = Contexts::new(config, Host::new(emit.into_js_value().unchecked_into()));
        mount_to(root.clone(), move || view! { <App widget/> }).forget();
        Mounted {
            root,
            contexts: widget,
            events,
        }
    }

    fn find(&self, selector: &str) -> web_sys::HtmlElement {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap()
            .unchecked_into()
    }

    fn panel_hidden(&self) -> bool {
        self.find(".sp-panel").hidden()
    }

    fn focused_class(&self) -> String {
        let document = web_sys::window().unwrap().document().unwrap();
        document
            .active_element()
            .map(|el| el.class_name())
            .unwrap_or_default()
    }
}

/// Lets the view update and its effects (focus moves) run, as they would before the user's next event: past the
/// next painted frame, after which the widget starts what can wait (the rules engine among it), and 20 ms more.
async fn settle() {
    let window = web_sys::window().unwrap();
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        window.request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(frame).await.unwrap();
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(wait).await.unwrap();
}

#[wasm_bindgen_test]
async fn launcher_opens_the_panel_and_moves_focus_into_it() {
    let widget = Mounted::new();
    assert!(widget.panel_hidden());
    let launcher = widget.find(".sp-launcher");
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    launcher.click();
    settle().await;
    assert!(!widget.panel_hidden());
    assert_eq!(
        launcher.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(widget.focused_class(), "sp-panel");
    assert_eq!(*widget.events.borrow(), ["open"]);
}

#[wasm_bindgen_test]
async fn escape_closes_and_returns_focus_to_the_launcher() {
    let widget = Mounted::new();
    widget.find(".sp-launcher").click();
    settle().await;

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    widget.find(".sp-panel").dispatch_event(&escape).unwrap();
    settle().await;

    assert!(widget.panel_hidden());
    assert_eq!(widget.focused_class(), "sp-launcher");
    assert_eq!(*widget.events.borrow(), ["open", "close"]);
}

#[wasm_bindgen_test]
async fn api_close_does_not_steal_focus_from_the_page() {
    let widget = Mounted::new();
    widget.contexts.command("open", vec![]);
    settle().await;
    let document = web_sys::window().unwrap().document().unwrap();
    let input: web_sys::HtmlElement = document.create_element("input").unwrap().unchecked_into();
    document.body().unwrap().append_child(&input).unwrap();
    input.focus().unwrap();

    widget.contexts.command("close", vec![]);
    settle().await;
    assert!(widget.panel_hidden());
    assert_eq!(document.active_element(), Some(input.unchecked_into()));
}

#[wasm_bindgen_test]
async fn toggle_and_repeated_commands_emit_once_per_change() {
    let widget = Mounted::new();
    widget.contexts.command("toggle", vec![]);
    widget.contexts.command("open", vec![]);
    widget.contexts.command("toggle", vec![]);
    widget.contexts.command("close", vec![]);
    settle().await;
    assert!(widget.panel_hidden());
    assert_eq!(*widget.events.borrow(), ["open", "close"]);
}

#[wasm_bindgen_test]
async fn set_context_merges_and_survives_bad_fields() {
    let widget = Mounted::new();
    let patch = |json: &str| vec![serde_json::from_str(json).unwrap()];
    widget.contexts.command(
        "setContext",
        patch(r#"{"role": "buyer", "order": {"id": "A-1", "amount": "x"}}"#),
    );
    widget.contexts.command(
        "setContext",
        patch(r#"{"onboarding": {"step": "account"}}"#),
    );
    let context = widget.contexts.page.with_untracked(Clone::clone);
    assert_eq!(context.role, Some(Role::Buyer));
    assert_eq!(context.order.unwrap().id.as_deref(), Some("A-1"));
    assert_eq!(context.onboarding.unwrap().step.as_deref(), Some("account"));
    // The script tag's surface applies until the page says otherwise.
    assert_eq!(context.surface, Some(Surface::Checkout));

    widget.contexts.command(
        "setContext",
        patch(r#"{"surface": "order", "order": null}"#),
    );
    let context = widget.contexts.page.with_untracked(Clone::clone);
    assert_eq!(context.surface, Some(Surface::Order));
    assert_eq!(context.order, None);
}

#[wasm_bindgen_test]
async fn suggestions_follow_the_context_and_explain_themselves() {
    let widget = Mounted::new();
    let article = |id: &str, title: &str| signpost_core::help::ArticleSummary {
        id: id.into(),
        title: title.into(),
        summary: String::new(),
        audience: signpost_core::help::Audience::Buyer,
        surfaces: vec![],
        locale: "en".into(),
        updated: None,
    };
    let rules = serde_json::json!({"rule": [{
        "id": "failed-payment",
        "priority": 10,
        "when": [{"fact": "order.payment_status", "equals": "failed"}],
        "suggest": [{"article": "payment-declined"}],
        "reason": "The payment for order {order.id} failed.",
    }]});
    widget.contexts.site.set(signpost_core::help::SiteConfig {
        rules,
        articles: vec![article("payment-declined", "Why was my card declined?")],
        status_components: signpost_core::feed::ComponentMap::default_marketplace(),
        response_targets: Default::default(),
        // These tests have no desk to report to.
        insights: signpost_core::insights::InsightsSettings {
            enabled: false,
            dimensions: vec![],
        },
        experiment_rules: vec![],
        experiment_status_first: false,
        experiment_large_order: false,
        flows: vec![],
    });
    widget.contexts.command("open", vec![]);
    settle().await;
    assert!(
        widget
            .root
            .query_selector(".sp-suggestion")
            .unwrap()
            .is_none(),
        "nothing fits yet"
    );

    let failed = serde_json::json!({"order": {"id": "A-7", "payment_status": "failed"}});
    widget.contexts.command("setContext", vec![failed]);
    settle().await;
    assert_eq!(
        widget
            .find(".sp-suggestion__title")
            .text_content()
            .as_deref(),
        Some("Why was my card declined?")
    );
    let why = widget.find(".sp-why");
    assert_eq!(why.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(widget.find(".sp-explanation").hidden());
    why.click();
    settle().await;
    assert_eq!(
        widget
            .find(".sp-why")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    let explanation = widget.find(".sp-explanation");
    assert!(!explanation.hidden());
    let text = explanation.text_content().unwrap_or_default();
    assert!(text.contains("The payment for order A-7 failed."), "{text}");
    assert!(text.contains("failed-payment"), "names the rule: {text}");

    widget.contexts.command(
        "setContext",
        vec![serde_json::json!({"order": {"id": "A-7", "payment_status": "paid"}})],
    );
    settle().await;
    assert!(
        widget
            .root
            .query_selector(".sp-suggestion")
            .unwrap()
            .is_none(),
        "the suggestion goes with its reason"
    );
}

#[wasm_bindgen_test]
async fn page_commands_open_the_panel_where_they_point() {
    let widget = Mounted::new();
    widget.contexts.command("showStatus", vec![]);
    settle().await;
    assert!(!widget.panel_hidden());
    assert_eq!(
        widget.contexts.navigation.view.get_untracked(),
        signpost::View::Status
    );
    assert!(
        widget
            .root
            .query_selector(".sp-status-view")
            .unwrap()
            .is_some()
    );

    let ticket =
        serde_json::json!({"topic": "refund", "subject": "Refund for A-1", "message": "Hello"});
    widget.contexts.command("newTicket", vec![ticket]);
    settle().await;
    assert_eq!(
        widget.contexts.navigation.view.get_untracked(),
        signpost::View::Contact {
            topic: Some("refund".into())
        }
    );
    let subject: web_sys::HtmlInputElement = widget.find("input[name=subject]").unchecked_into();
    assert_eq!(subject.value(), "Refund for A-1");
    let message: web_sys::HtmlTextAreaElement =
        widget.find("textarea[name=message]").unchecked_into();
    assert_eq!(message.value(), "Hello");

    // Bad arguments warn and change nothing.
    widget
        .contexts
        .command("showArticle", vec![serde_json::json!(42)]);
    settle().await;
    assert_eq!(
        widget.contexts.navigation.view.get_untracked(),
        signpost::View::Contact {
            topic: Some("refund".into())
        }
    );
}

#[wasm_bindgen_test]
async fn set_locale_turns_the_words_and_the_direction_live() {
    let widget = Mounted::new();
    let title = || {
        widget
            .find(".sp-panel__title")
            .text_content()
            .unwrap_or_default()
    };
    let direction = || {
        widget
            .find(".sp-root")
            .get_attribute("dir")
            .unwrap_or_default()
    };
    assert_eq!(
        (title(), direction()),
        ("Help".to_owned(), "ltr".to_owned())
    );

    widget.contexts.command("setLocale", vec!["ar-EG".into()]);
    settle().await;
    assert_eq!(
        (title(), direction()),
        ("مساعدة".to_owned(), "rtl".to_owned())
    );
    assert_eq!(
        widget.find(".sp-root").get_attribute("lang").as_deref(),
        Some("ar")
    );

    widget.contexts.command("setLocale", vec!["pt-PT".into()]);
    settle().await;
    assert_eq!(
        (title(), direction()),
        ("Ajuda".to_owned(), "ltr".to_owned()),
        "Portuguese by language"
    );

    // Not a language the widget speaks: it keeps the last one (and warns the page's developers).
    widget.contexts.command("setLocale", vec!["xx".into()]);
    settle().await;
    assert_eq!(title(), "Ajuda");
}

/// `text` with the no-break spaces Intl puts between a number and its unit made plain.
fn plain_spaces(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The browser's own words for `value` euros and for "3 days ago" in `locale`: what the widget must show.
fn intl_euros_and_three_days_ago(locale: &str, value: f64) -> (String, String) {
    let locales = js_sys::Array::of1(&locale.into());
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"style".into(), &"currency".into()).unwrap();
    js_sys::Reflect::set(&options, &"currency".into(), &"EUR".into()).unwrap();
    let euros = js_sys::Intl::NumberFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &value.into())
        .unwrap()
        .as_string()
        .unwrap();
    let auto = js_sys::Object::new();
    js_sys::Reflect::set(&auto, &"numeric".into(), &"auto".into()).unwrap();
    let ago: String = js_sys::Intl::RelativeTimeFormat::new(&locales, &auto)
        .format(-3.0, "day")
        .into();
    (plain_spaces(&euros), plain_spaces(&ago))
}

#[wasm_bindgen_test]
async fn fact_values_under_a_reason_read_in_the_users_language() {
    let widget = Mounted::new();
    // Promised three local days ago, for an order of 1,234.50 euros.
    let today = js_sys::Date::new_0();
    let promised = js_sys::Date::new_with_year_month_day(
        today.get_full_year(),
        today.get_month() as i32,
        today.get_date() as i32 - 3,
    );
    let promised = format!(
        "{:04}-{:02}-{:02}",
        promised.get_full_year(),
        promised.get_month() + 1,
        promised.get_date()
    );
    let rules = serde_json::json!({"rule": [{
        "id": "late-and-large",
        "priority": 10,
        "when": [{"fact": "order.promised_by", "days_since": {"gt": 0}}],
        "suggest": [{"article": "late-delivery"}],
        "reason": {
            "en": "Due on {order.promised_by|date}, for {order.amount|amount}.",
            "es": "Debía llegar el {order.promised_by|date}, por {order.amount|amount}.",
            "ar": "كان موعده {order.promised_by|date}، بمبلغ {order.amount|amount}.",
        },
    }]});
    widget.contexts.site.set(signpost_core::help::SiteConfig {
        rules,
        articles: vec![signpost_core::help::ArticleSummary {
            id: "late-delivery".into(),
            title: "My order is late".into(),
            summary: String::new(),
            audience: signpost_core::help::Audience::Buyer,
            surfaces: vec![],
            locale: "en".into(),
            updated: None,
        }],
        status_components: signpost_core::feed::ComponentMap::default_marketplace(),
        response_targets: Default::default(),
        // These tests have no desk to report to.
        insights: signpost_core::insights::InsightsSettings {
            enabled: false,
            dimensions: vec![],
        },
        experiment_rules: vec![],
        experiment_status_first: false,
        experiment_large_order: false,
        flows: vec![],
    });
    let order = serde_json::json!({"order": {
        "id": "A-9", "promised_by": promised, "amount": 1234.5, "currency": "EUR",
    }});
    widget.contexts.command("setContext", vec![order]);
    widget.contexts.command("open", vec![]);
    settle().await;
    widget.find(".sp-why").click();

    let mut seen = Vec::new();
    for (locale, english_words) in [("en", false), ("es", true), ("ar", true)] {
        widget.contexts.command("setLocale", vec![locale.into()]);
        settle().await;
        let shown: Vec<String> = (1..)
            .map_while(|row| {
                let selector = format!(".sp-explanation .sp-facts__row:nth-child({row}) dd");
                widget.root.query_selector(&selector).unwrap()
            })
            .map(|cell| plain_spaces(&cell.text_content().unwrap_or_default()))
            .collect();
        let (euros, ago) = intl_euros_and_three_days_ago(locale, 1234.5);
        assert_eq!(
            shown.len(),
            2,
            "{locale}: the date and the amount: {shown:?}"
        );
        assert!(
            shown[0].ends_with(&format!("({ago})")),
            "{locale}: the date says how long ago it was, as Intl words it ({ago}): {shown:?}"
        );
        assert_eq!(shown[1], euros, "{locale}: the amount as Intl writes it");
        if english_words {
            assert!(
                !shown
                    .iter()
                    .any(|text| text.contains("ago") || text.contains("EUR")),
                "{locale}: no English left: {shown:?}"
            );
        }
        seen.push(shown);
    }
    // What that is, in two of them.
    assert!(seen[0][0].ends_with("(3 days ago)"), "{seen:?}");
    assert_eq!(seen[0][1], "€1,234.50");
    assert!(seen[1][0].ends_with("(hace 3 días)"), "{seen:?}");
    assert_eq!(seen[1][1], "1234,50 €");
}

/// Sets `value` on the form control named `name` as typing would, so the form's input handler sees it.
fn type_into(widget: &Mounted, name: &str, value: &str) {
    let control = widget.find(&format!("[name={name}]"));
    js_sys::Reflect::set(&control, &"value".into(), &value.into()).unwrap();
    control
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn consent_box(widget: &Mounted, line: &str) -> web_sys::HtmlInputElement {
    widget
        .find(&format!("input[name=send-{line}]"))
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn searches_and_explanations_are_offered_on_lines_of_their_own() {
    let widget = Mounted::new();
    let rules = serde_json::json!({"rule": [{
        "id": "failed-payment",
        "priority": 10,
        "when": [{"fact": "order.payment_status", "equals": "failed"}],
        "suggest": [{"article": "payment-declined"}],
        "reason": "The payment for order {order.id} failed.",
    }]});
    widget.contexts.site.set(signpost_core::help::SiteConfig {
        rules,
        articles: vec![signpost_core::help::ArticleSummary {
            id: "payment-declined".into(),
            title: "Why was my card declined?".into(),
            summary: String::new(),
            audience: signpost_core::help::Audience::Buyer,
            surfaces: vec![],
            locale: "en".into(),
            updated: None,
        }],
        status_components: signpost_core::feed::ComponentMap::default_marketplace(),
        response_targets: Default::default(),
        // These tests have no desk to report to.
        insights: signpost_core::insights::InsightsSettings {
            enabled: false,
            dimensions: vec![],
        },
        experiment_rules: vec![],
        experiment_status_first: false,
        experiment_large_order: false,
        flows: vec![],
    });
    let failed = serde_json::json!({"order": {"id": "A-7", "payment_status": "failed"}});
    widget.contexts.command("setContext", vec![failed]);
    // As the search box records its answers: one with results, then other words with none.
    widget.contexts.searches.record("card declined".into(), 3);
    widget.contexts.searches.record("xqzvwkj".into(), 0);
    // The page opens straight to the form: the suggestions are listed once worked out, as they are sent.
    let ticket = serde_json::json!({"topic": "payment-failed", "message": "My card was declined."});
    widget.contexts.command("newTicket", vec![ticket]);
    let consent_labels = || -> Vec<String> {
        (1..)
            .map_while(|line| {
                let selector = format!(".sp-consent__item:nth-of-type({line})");
                widget.root.query_selector(&selector).unwrap()
            })
            .map(|line| line.text_content().unwrap_or_default())
            .collect()
    };
    let mut labels = vec![];
    for _ in 0..100 {
        settle().await;
        labels = consent_labels();
        if labels.len() == 5 {
            break;
        }
    }
    assert_eq!(
        labels[1..],
        [
            "Order number A-7",
            "Suggestions you saw: Why was my card declined?",
            "Why we suggested these: Payment status: failed, Order id: A-7",
            "Searches: “card declined”, “xqzvwkj” (no results)",
        ],
        "{labels:?}"
    );

    // Without the order, the explanations (which cite it) cannot go either; with it, they are ticked again.
    consent_box(&widget, "order").click();
    settle().await;
    let explanations = consent_box(&widget, "explanations");
    assert!(explanations.disabled() && !explanations.checked());
    consent_box(&widget, "order").click();
    settle().await;
    assert!(!explanations.disabled() && explanations.checked());

    // Withheld searches stay behind. The desk is unreachable here, so the request waits in the outbox.
    consent_box(&widget, "searches").click();
    type_into(&widget, "email", "ada@example.com");
    widget.find("button[type=submit]").click();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let mut waiting = None;
    for _ in 0..100 {
        settle().await;
        waiting = storage.get_item("signpost.outbox").unwrap();
        if waiting.is_some() {
            break;
        }
    }
    for key in ["signpost.outbox", "signpost.draft", "signpost.owner"] {
        storage.remove_item(key).unwrap();
    }
    let waiting: serde_json::Value = serde_json::from_str(&waiting.expect("queued")).unwrap();
    let context = &waiting[0]["ticket"]["context"];
    assert_eq!(
        context["suggestions_shown"][0]["explanation"],
        serde_json::json!([
            {"fact": "Order payment status", "detail": "failed"},
            {"fact": "Order id", "detail": "A-7"},
        ])
    );
    assert!(context.get("searches").is_none(), "{context}");
}
