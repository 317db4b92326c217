//! Reading JSON: the browser's `JSON.parse` does the parsing and serde's derived readers walk what it made.
//! serde_json's own parser would put its number and escape handling into the main module once per type read,
//! and its error messages Rust's `f64` formatting with them; the browser already has a parser.
//!
//! JSON's numbers arrive as JavaScript's doubles: integers up to 2^53 read exactly, as serde_json reads them;
//! an object's keys come in JavaScript's order (integer-like keys first), which no reader here depends on.

use js_sys::{Array, JsString, Object};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, Expected, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, VariantAccess, Visitor,
};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// Reads `text` as JSON into a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let value = js_sys::JSON::parse(text).map_err(|_| Error("not JSON".into()))?;
    T::deserialize(Reader(value))
}

/// Why JSON did not read as the type asked for: the field missing or the kind of value wanted (not the value
/// found, whose formatting would bring Rust's float printing with it).
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }

    fn invalid_type(_: Unexpected, expected: &dyn Expected) -> Self {
        Error(format!("expected {expected}"))
    }

    fn invalid_value(_: Unexpected, expected: &dyn Expected) -> Self {
        Error(format!("expected {expected}"))
    }
}

/// One value `JSON.parse` made, read by serde's visitors.
struct Reader(JsValue);

/// JavaScript's largest integer below which every integer is exact (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl<'de> de::Deserializer<'de> for Reader {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let value = self.0;
        if value.is_null() {
            visitor.visit_unit()
        } else if let Some(yes) = value.as_bool() {
            visitor.visit_bool(yes)
        } else if let Some(number) = value.as_f64() {
            // As serde_json does: whole numbers as integers, so they fit integer fields.
            if number.fract() != 0.0 || number.abs() > MAX_SAFE_INTEGER {
                visitor.visit_f64(number)
            } else if number >= 0.0 {
                visitor.visit_u64(number as u64)
            } else {
                visitor.visit_i64(number as i64)
            }
        } else if let Some(text) = value.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&value) {
            visitor.visit_seq(Items::new(value.unchecked_into()))
        } else {
            let entries = Object::entries(value.unchecked_ref());
            visitor.visit_map(Entries {
                items: Items::new(entries),
                value: JsValue::NULL,
            })
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is its variant's name (a unit variant) or an object of one key, the variant, and its content.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if let Some(name) = self.0.as_string() {
            return visitor.visit_enum(name.into_deserializer());
        }
        // `Object.entries` throws on null: a missing variant is an error, as any other wrong value.
        let entries = Some(&self.0)
            .filter(|value| value.is_object())
            .map(|value| Object::entries(value.unchecked_ref()))
            .filter(|entries| entries.length() == 1);
        let Some(entries) = entries else {
            return Err(de::Error::invalid_type(Unexpected::Map, &"an enum"));
        };
        let entry: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant {
            name: entry.get(0).as_string().unwrap_or_default(),
            content: entry.get(1),
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        seq tuple tuple_struct map struct identifier
    }
}

/// The items of an array, in order.
struct Items {
    array: Array,
    next: u32,
}

impl Items {
    fn new(array: Array) -> Self {
        Items { array, next: 0 }
    }

    fn next(&mut self) -> Option<JsValue> {
        (self.next < self.array.length()).then(|| {
            self.next += 1;
            self.array.get(self.next - 1)
        })
    }
}

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.next()
            .map(|item| seed.deserialize(Reader(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.array.length() - self.next) as usize)
    }
}

/// An object's `[key, value]` entries; `value` holds the value of the key just read.
struct Entries {
    items: Items,
    value: JsValue,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.items.next() else {
            return Ok(None);
        };
        let entry: Array = entry.unchecked_into();
        self.value = entry.get(1);
        let key: String = entry.get(0).unchecked_into::<JsString>().into();
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(Reader(std::mem::take(&mut self.value)))
    }

    fn size_hint(&self) -> Option<usize> {
        self.items.size_hint()
    }
}

/// An enum written as an object: `{ "<variant>": <content> }`.
struct Variant {
    name: String,
    content: JsValue,
}

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Reader;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Reader), Error> {
        let name = seed.deserialize(self.name.into_deserializer())?;
        Ok((name, Reader(self.content)))
    }
}

impl<'de> VariantAccess<'de> for Reader {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::from_str;
    use serde::Deserialize;
    use serde_json::{Value, json};
    use wasm_bindgen_test::wasm_bindgen_test;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Dot,
        Line(u32),
        Box { side: f64 },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Tagged {
        Note { text: String },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Everything {
        count: u32,
        below: i64,
        ratio: f64,
        name: String,
        missing: Option<String>,
        null: Option<u8>,
        list: Vec<Shape>,
        tagged: Tagged,
        #[serde(default)]
        absent: bool,
    }

    #[wasm_bindgen_test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"count": 3, "below": -2, "ratio": 0.5, "name": "caf\u00e9 \"x\"", "null": null,
            "list": ["dot", {"line": 4}, {"box": {"side": 2}}], "tagged": {"kind": "note", "text": "hi"},
            "extra": [1, {"deep": true}]}"#;
        let read: Everything = from_str(text).expect("reads");
        let expected = Everything {
            count: 3,
            below: -2,
            ratio: 0.5,
            name: "café \"x\"".into(),
            missing: None,
            null: None,
            list: vec![Shape::Dot, Shape::Line(4), Shape::Box { side: 2.0 }],
            tagged: Tagged::Note { text: "hi".into() },
            absent: false,
        };
        assert_eq!(read, expected);
        let value: Value = from_str(text).expect("reads as a value");
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(value["list"][1], json!({ "line": 4 }));
    }

    #[wasm_bindgen_test]
    fn says_what_was_expected_where_it_does_not_read() {
        let wrong = from_str::<Everything>(r#"{"count": "three"}"#).unwrap_err();
        assert_eq!(wrong.to_string(), "expected u32");
        let missing = from_str::<Everything>(r#"{"count": 1}"#).unwrap_err();
        assert_eq!(missing.to_string(), "missing field `below`");
        let fraction = from_str::<u32>("1.5").unwrap_err();
        assert_eq!(fraction.to_string(), "expected u32");
        assert_eq!(from_str::<u32>("{").unwrap_err().to_string(), "not JSON");
        // A stored value is the user's to change: a wrong one is an error, never a thrown exception.
        for wrong in ["null", "7", "[]", "{}", r#"{"dot": null, "line": 1}"#] {
            assert_eq!(
                from_str::<Shape>(wrong).unwrap_err().to_string(),
                "expected an enum",
                "{wrong}"
            );
        }
        assert_eq!(from_str::<Option<Shape>>("null").unwrap(), None);
        assert_eq!(
            from_str::<Shape>(r#""circle""#)
                .unwrap_err()
                .to_string()
                .split(',')
                .next(),
            Some("unknown variant `circle`")
        );
    }
}
