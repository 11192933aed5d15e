//! The `open_enum!` macro, which declares string enums that keep values this
//! crate has never seen.
//!
//! The Extend API adds statuses, failure reasons and event types without a
//! version bump, so every enum that comes from the server must decode any
//! string. A value outside the known set becomes `Unknown(String)`, and that
//! variant serializes back to the exact string it was read from.

/// Declares an open string enum: known variants with their wire strings, plus
/// an `Unknown(String)` variant that keeps any other value unchanged.
///
/// The generated type implements `Serialize`, `Deserialize`, `Display`,
/// `FromStr` (infallible) and has `as_str()` and `is_unknown()`.
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// Every known variant, in declaration order.
            pub const KNOWN: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// Returns the wire string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(raw) => raw.as_str(),
                }
            }

            /// Returns `true` for a value this version of the SDK does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, $name::Unknown(_))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(raw: &str) -> Self {
                match raw {
                    $( $wire => $name::$variant, )+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::convert::From<String> for $name {
            fn from(raw: String) -> Self {
                match raw.as_str() {
                    $( $wire => $name::$variant, )+
                    _ => $name::Unknown(raw),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(raw: &str) -> Result<Self, Self::Err> {
                Ok($name::from(raw))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // A visitor, not `String::deserialize`, so that a known value
                // read from borrowed text allocates nothing.
                struct WireVisitor;

                impl<'de> ::serde::de::Visitor<'de> for WireVisitor {
                    type Value = $name;

                    fn expecting(&self, formatter: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        formatter.write_str("a string")
                    }

                    fn visit_str<E: ::serde::de::Error>(self, raw: &str) -> Result<$name, E> {
                        Ok($name::from(raw))
                    }

                    fn visit_string<E: ::serde::de::Error>(self, raw: String) -> Result<$name, E> {
                        Ok($name::from(raw))
                    }

                    fn visit_bytes<E: ::serde::de::Error>(self, raw: &[u8]) -> Result<$name, E> {
                        match ::std::str::from_utf8(raw) {
                            Ok(text) => Ok($name::from(text)),
                            Err(_) => Err(E::invalid_value(::serde::de::Unexpected::Bytes(raw), &self)),
                        }
                    }
                }

                deserializer.deserialize_string(WireVisitor)
            }
        }
    };
}
