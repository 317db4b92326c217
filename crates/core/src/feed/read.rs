//! The tolerant reader: walks parsed JSON, forgiving scalars and naming the path of any structure that is wrong.

use super::{
    AffectedComponent, Component, ComponentStatus, Feed, FeedError, Impact, Incident,
    IncidentStatus, IncidentUpdate, Page, PageStatus, Timestamp, WRITABLE_UNIX_SECONDS,
};
use serde_json::{Map, Value};

/// The top-level keys of the v2 endpoints; a feed must have at least one.
const FEED_KEYS: [&str; 5] = [
    "page",
    "status",
    "components",
    "incidents",
    "scheduled_maintenances",
];

/// An object of the feed, with its path for error messages (`incidents[0].incident_updates[2]`).
pub(super) struct Node<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

/// How an error message names the type of a JSON value.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'a> Node<'a> {
    /// The path of `key` inside this object.
    fn path_of(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The value of `key`, with `null` as missing.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|value| !value.is_null())
    }

    /// A string or number as text; anything else is missing.
    fn text(&self, key: &str) -> Option<String> {
        self.get(key).and_then(scalar_text)
    }

    /// [`Node::text`], empty when missing.
    fn string(&self, key: &str) -> String {
        self.text(key).unwrap_or_default()
    }

    fn time(&self, key: &str) -> Option<Timestamp> {
        self.get(key).and_then(timestamp)
    }

    /// `true`, or the string `"true"`; anything else is `false`.
    fn flag(&self, key: &str) -> bool {
        match self.get(key) {
            Some(Value::Bool(flag)) => *flag,
            Some(Value::String(text)) => text.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }

    /// An integer, a float (truncated) or a string holding an integer.
    fn integer(&self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::Number(number) => number
                .as_i64()
                .or_else(|| number.as_f64().map(|float| float as i64)),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// The object under `key`; `None` when missing or `null`, an error when it is something else.
    fn object(&self, key: &str) -> Result<Option<Node<'a>>, FeedError> {
        self.get(key)
            .map(|value| as_object(value, self.path_of(key)))
            .transpose()
    }

    /// The list of objects under `key`, each read by `read`: `None` when the key is missing, empty when
    /// `null`, an error when it is not an array or holds anything but objects.
    fn list<T>(
        &self,
        key: &str,
        read: fn(&Node<'a>) -> Result<T, FeedError>,
    ) -> Result<Option<Vec<T>>, FeedError> {
        let Some(value) = self.map.get(key) else {
            return Ok(None);
        };
        let items = match value {
            Value::Null => return Ok(Some(Vec::new())),
            Value::Array(items) => items,
            other => {
                return Err(FeedError::WrongType {
                    path: self.path_of(key),
                    expected: "an array",
                    found: kind(other),
                });
            }
        };
        let path = self.path_of(key);
        items
            .iter()
            .enumerate()
            .map(|(index, item)| read(&as_object(item, format!("{path}[{index}]"))?))
            .collect::<Result<_, _>>()
            .map(Some)
    }

    /// [`Node::list`], empty when missing.
    fn items<T>(
        &self,
        key: &str,
        read: fn(&Node<'a>) -> Result<T, FeedError>,
    ) -> Result<Vec<T>, FeedError> {
        self.list(key, read).map(Option::unwrap_or_default)
    }
}

fn as_object(value: &Value, path: String) -> Result<Node<'_>, FeedError> {
    match value {
        Value::Object(map) => Ok(Node { map, path }),
        other => Err(FeedError::WrongType {
            path,
            expected: "an object",
            found: kind(other),
        }),
    }
}

/// A string as it is, a number as its decimal text.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// A timestamp from a string, or from a number of Unix seconds in the years 0000–9999 (the instants a timestamp
/// can be written as and read back from; no feed means another).
pub(super) fn timestamp(value: &Value) -> Option<Timestamp> {
    match value {
        Value::String(text) => Some(Timestamp::parse(text.as_str())),
        Value::Number(number) => number
            .as_i64()
            .filter(|seconds| WRITABLE_UNIX_SECONDS.contains(seconds))
            .map(Timestamp::from_unix),
        _ => None,
    }
}

/// A reader of one object, turned into a reader of a whole JSON value that must be that object.
pub(super) fn root<T>(
    read: fn(&Node<'_>) -> Result<T, FeedError>,
) -> impl Fn(&Value) -> Result<T, FeedError> {
    move |value| match value {
        Value::Object(map) => read(&Node {
            map,
            path: String::new(),
        }),
        other => Err(FeedError::NotAnObject { found: kind(other) }),
    }
}

/// Any v2 endpoint's response.
pub(super) fn feed(value: &Value) -> Result<Feed, FeedError> {
    root(|node| {
        if !FEED_KEYS.iter().any(|key| node.map.contains_key(*key)) {
            return Err(FeedError::NotAFeed);
        }
        Ok(Feed {
            page: node.object("page")?.map(|page| read_page(&page)),
            status: node
                .object("status")?
                .map(|status| read_page_status(&status)),
            components: node.list("components", component)?,
            incidents: node.list("incidents", incident)?,
            scheduled_maintenances: node.list("scheduled_maintenances", incident)?,
        })
    })(value)
}

fn read_page(node: &Node<'_>) -> Page {
    Page {
        id: node.string("id"),
        name: node.string("name"),
        url: node.string("url"),
        time_zone: node.text("time_zone"),
        updated_at: node.time("updated_at"),
    }
}

pub(super) fn page(node: &Node<'_>) -> Result<Page, FeedError> {
    Ok(read_page(node))
}

fn read_page_status(node: &Node<'_>) -> PageStatus {
    PageStatus {
        indicator: Impact::from_feed(&node.string("indicator")),
        description: node.string("description"),
    }
}

pub(super) fn page_status(node: &Node<'_>) -> Result<PageStatus, FeedError> {
    Ok(read_page_status(node))
}

pub(super) fn component(node: &Node<'_>) -> Result<Component, FeedError> {
    // A group's `components` lists ids; some feeds nest whole components there instead, so take their ids.
    let children = match node.get("components") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::Object(child) => child.get("id").and_then(scalar_text),
                other => scalar_text(other),
            })
            .collect(),
        _ => Vec::new(),
    };
    Ok(Component {
        id: node.string("id"),
        name: node.string("name"),
        status: ComponentStatus::from_feed(&node.string("status")),
        created_at: node.time("created_at"),
        updated_at: node.time("updated_at"),
        position: node.integer("position"),
        description: node.text("description"),
        showcase: node.flag("showcase"),
        start_date: node.text("start_date"),
        group_id: node.text("group_id"),
        page_id: node.text("page_id"),
        group: node.flag("group"),
        only_show_if_degraded: node.flag("only_show_if_degraded"),
        children,
    })
}

pub(super) fn incident(node: &Node<'_>) -> Result<Incident, FeedError> {
    Ok(Incident {
        id: node.string("id"),
        name: node.string("name"),
        status: IncidentStatus::from_feed(&node.string("status")),
        impact: Impact::from_feed(&node.string("impact")),
        created_at: node.time("created_at"),
        updated_at: node.time("updated_at"),
        monitoring_at: node.time("monitoring_at"),
        resolved_at: node.time("resolved_at"),
        started_at: node.time("started_at"),
        scheduled_for: node.time("scheduled_for"),
        scheduled_until: node.time("scheduled_until"),
        shortlink: node.text("shortlink"),
        page_id: node.text("page_id"),
        incident_updates: node.items("incident_updates", incident_update)?,
        components: node.items("components", component)?,
    })
}

pub(super) fn incident_update(node: &Node<'_>) -> Result<IncidentUpdate, FeedError> {
    Ok(IncidentUpdate {
        id: node.string("id"),
        status: IncidentStatus::from_feed(&node.string("status")),
        body: node.string("body"),
        incident_id: node.text("incident_id"),
        created_at: node.time("created_at"),
        updated_at: node.time("updated_at"),
        display_at: node.time("display_at"),
        affected_components: node.items("affected_components", affected_component)?,
    })
}

pub(super) fn affected_component(node: &Node<'_>) -> Result<AffectedComponent, FeedError> {
    Ok(AffectedComponent {
        code: node.string("code"),
        name: node.string("name"),
        old_status: ComponentStatus::from_feed(&node.string("old_status")),
        new_status: ComponentStatus::from_feed(&node.string("new_status")),
    })
}
