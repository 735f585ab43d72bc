//! Closed lists of values (kinds, groups, roles): each is written once, as a table of variant,
//! key (as the data files write it, with any aliases) and label, and everything else — `ALL`,
//! `key`, `label`, `parse`, and the accepted keys in error messages — follows from it.

/// Defines an enum from its table. `ALL` follows the table's order (the order lists and
/// legends show); keys after `|` are aliases accepted when parsing.
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $key:literal $(| $alias:literal)* => $label:literal
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in the order lists and legends show them.
            pub const ALL: [Self; [$(stringify!($variant)),+].len()] = [$(Self::$variant),+];

            /// How the value is written in the data files.
            pub fn key(self) -> &'static str {
                match self {
                    $(Self::$variant => $key),+
                }
            }

            /// How the value is shown to a reader.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }

            /// The value written as `s` (its key or an alias).
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($key $(| $alias)* => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The keys accepted, for error messages: "a, b, c".
            pub fn accepted() -> String {
                Self::ALL.map(Self::key).join(", ")
            }
        }
    };
}

pub(crate) use closed_enum;

#[cfg(test)]
mod tests {
    closed_enum! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Colour {
            Red = "red" | "rouge" => "Red",
            Blue = "blue" => "Blue (deep)",
        }
    }

    #[test]
    fn one_table_gives_keys_labels_aliases_and_messages() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::Blue]);
        assert_eq!(Colour::parse("rouge"), Some(Colour::Red));
        assert_eq!(Colour::parse("Red"), None, "keys are exact");
        assert_eq!(Colour::Blue.label(), "Blue (deep)");
        assert_eq!(Colour::accepted(), "red, blue");
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.key()), Some(c));
        }
    }
}
