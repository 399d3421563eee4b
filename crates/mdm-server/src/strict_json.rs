//! Deserialize request bodies by the documented shape only.
//!
//! serde's derived `Deserialize` for a struct also accepts a JSON *array*, filling the
//! fields by position, so `[null, null]` passed for a login body or a preview's `options`
//! reached the handlers (issue 12, finding 10). This deserializer walks a parsed
//! [`Value`] and refuses any non-object where a struct is expected, at every depth; all
//! other shapes behave exactly as `serde_json::from_value` does, except that an integer
//! above `i64::MAX` is refused: the API's integers are all int64.

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

/// `T` from `value`, refusing arrays (or anything else) where `T` has a struct.
pub fn from_value<T: de::DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    T::deserialize(Strict(value))
}

struct Strict<'a>(&'a Value);

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl<'de> Deserializer<'de> for Strict<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    // Every integer of the API is documented as int64; a larger one is
                    // refused rather than read as a u64 (schemathesis found one accepted).
                    if u > i64::MAX as u64 {
                        return Err(de::Error::custom(format_args!(
                            "integer {u} is out of range (the API's integers are int64, at most {})",
                            i64::MAX
                        )));
                    }
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Seq(items.iter())),
            Value::Object(map) => visitor.visit_map(Fields {
                iter: map.iter(),
                value: None,
            }),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Object(_) => self.deserialize_any(visitor),
            other => Err(de::Error::custom(format_args!(
                "expected an object for {}, found {}",
                readable(name),
                kind(other)
            ))),
        }
    }

    /// A map is an object too (`serde_json::Map` would take `null` as empty).
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Object(_) => self.deserialize_any(visitor),
            other => Err(de::Error::custom(format_args!(
                "expected an object, found {}",
                kind(other)
            ))),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            // Unit variants, the only enum shape the request bodies carry.
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => other.deserialize_enum(name, variants, visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct identifier ignored_any
    }
}

/// `PreviewRequest` → `preview request`, for the error a client reads.
fn readable(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

struct Seq<'a>(std::slice::Iter<'a, Value>);

impl<'de> SeqAccess<'de> for Seq<'de> {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Strict(v)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Fields<'a> {
    iter: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let Some((k, v)) = self.iter.next() else {
            return Ok(None);
        };
        self.value = Some(v);
        let key: de::value::BorrowedStrDeserializer<'de, serde_json::Error> =
            de::value::BorrowedStrDeserializer::new(k);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let v = self
            .value
            .take()
            .ok_or_else(|| <serde_json::Error as de::Error>::custom("value without a key"))?;
        seed.deserialize(Strict(v))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq, Default)]
    struct Inner {
        a: Option<String>,
        b: Option<u32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        Fast,
        Slow,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        name: String,
        #[serde(default)]
        inner: Inner,
        list: Vec<Inner>,
        mode: Option<Mode>,
        #[serde(default)]
        extra: Option<Value>,
    }

    #[test]
    fn objects_deserialize_as_serde_json_does() {
        let v = json!({"name": "x", "inner": {"a": "y", "b": 3}, "list": [{"a": null}],
                       "mode": "slow", "extra": [1, {"z": true}]});
        let strict: Outer = from_value(&v).unwrap();
        let loose: Outer = serde_json::from_value(v).unwrap();
        assert_eq!(strict, loose);
        assert_eq!(strict.mode, Some(Mode::Slow));
    }

    #[test]
    fn arrays_are_refused_where_a_struct_is_expected_at_any_depth() {
        for v in [
            json!([null, null, null, null, null]),
            json!({"name": "x", "inner": [null, null], "list": []}),
            json!({"name": "x", "list": [[null, null]]}),
            json!({"name": "x", "list": [], "inner": "text"}),
        ] {
            let err = from_value::<Outer>(&v).unwrap_err().to_string();
            assert!(err.contains("expected an object"), "{v}: {err}");
        }
        for v in [json!(null), json!([]), json!("x")] {
            assert!(
                from_value::<serde_json::Map<String, Value>>(&v).is_err(),
                "{v}"
            );
        }
        let err = from_value::<Outer>(&json!([null])).unwrap_err().to_string();
        assert!(err.contains("for outer, found an array"), "{err}");
    }

    #[test]
    fn wrong_scalars_and_unknown_variants_still_fail() {
        assert!(from_value::<Outer>(&json!({"name": null, "list": []})).is_err());
        assert!(from_value::<Outer>(&json!({"name": "x", "list": [], "mode": "odd"})).is_err());
        assert!(from_value::<Outer>(&json!({"name": "x", "list": {}})).is_err());
    }

    #[test]
    fn integers_above_int64_are_refused_at_any_depth() {
        use std::collections::BTreeMap;
        let big = serde_json::from_str::<Value>(r#"{"a": 9223372036854775808}"#).unwrap();
        let err = from_value::<BTreeMap<String, u64>>(&big)
            .unwrap_err()
            .to_string();
        assert!(err.contains("out of range"), "{err}");
        let any =
            serde_json::from_str::<Value>(r#"{"x": [1, {"y": 18446744073709551615}]}"#).unwrap();
        assert!(from_value::<Value>(&any).is_err());
        let max = serde_json::from_str::<Value>(r#"{"a": 9223372036854775807}"#).unwrap();
        assert_eq!(
            from_value::<BTreeMap<String, u64>>(&max).unwrap()["a"],
            i64::MAX as u64
        );
    }
}
