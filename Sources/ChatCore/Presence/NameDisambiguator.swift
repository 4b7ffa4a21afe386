import SpacetimeDB

/// Labels that tell users apart on screen, whatever names they choose.
///
/// A name is shown as it is unless another user's label would look the same: then both get a short
/// piece of their identity (` #` and its hex digits after the first four, which are a fixed `c200`
/// on SpacetimeDB: the same digits an unnamed user's abbreviated identity shows). "Look the same"
/// ignores invisible characters (zero-width and format characters, variation selectors, skin-tone
/// modifiers the screen drops) and runs of whitespace, so `alice`, ` alice` and `alice\u{200B}`
/// clash, including with our own name (`Alice` does not: it looks different). A name
/// with no visible character (only U+200B, spaces, U+3164...) is shown as `(blank)`, always with its
/// identity piece. The piece grows until every label differs, so a user who names themselves like
/// someone's label (`bob #a1b2c3`) cannot take it either.
public enum NameDisambiguator {
    /// What a name with no visible character is shown as (followed by its identity piece).
    public static let blankStandIn = "(blank)"
    /// Hex digits of the identity piece at first; more are added while labels still clash.
    public static let suffixDigits = 6

    /// The label of every user, by identity.
    public static func labels(for users: some Collection<ChatUser>) -> [Identity: String] {
        // Base labels and the suffix length each starts with (blank names always carry one).
        var bases: [Identity: String] = [:]
        var digits: [Identity: Int] = [:]
        for user in users {
            if let name = user.name, !isVisible(name) {
                bases[user.identity] = blankStandIn
                digits[user.identity] = suffixDigits
            } else {
                bases[user.identity] = user.displayName
                digits[user.identity] = 0
            }
        }
        var labels: [Identity: String] = [:]
        // Each round lengthens the pieces of users whose labels still clash; identities differ, so
        // pieces of all 60 digits after the prefix settle it.
        for _ in 0..<40 {
            labels = [:]
            var byLook: [String: [Identity]] = [:]
            for (identity, base) in bases {
                let count = digits[identity] ?? 0
                let label = count == 0 ? base : base + " #" + String(identity.hexString.dropFirst(4).prefix(count))
                labels[identity] = label
                byLook[appearanceKey(label), default: []].append(identity)
            }
            var changed = false
            for (_, group) in byLook where group.count > 1 {
                for identity in group {
                    let current = digits[identity] ?? 0
                    let next = current == 0 ? suffixDigits : min(60, current + 2)
                    if next != current {
                        digits[identity] = next
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        return labels
    }

    /// Whether the name has at least one character a terminal draws as something visible.
    public static func isVisible(_ name: String) -> Bool {
        name.unicodeScalars.contains { !isInvisible($0) }
    }

    /// What two labels are compared by: invisible characters dropped, whitespace runs as one space,
    /// trimmed.
    static func appearanceKey(_ label: String) -> String {
        var key = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in label.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !key.isEmpty
                continue
            }
            if isInvisible(scalar) || isDroppedOnScreen(scalar) { continue }
            if pendingSpace {
                key.append(" ")
                pendingSpace = false
            }
            key.append(scalar)
        }
        return String(key)
    }

    /// Scalars that draw nothing: whitespace, default-ignorable and format characters, blank
    /// patterns such as U+2800.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isWhitespace || properties.isDefaultIgnorableCodePoint { return true }
        if properties.generalCategory == .format { return true }
        switch scalar.value {
        case 0x2800, 0x115F, 0x1160, 0x3164, 0xFFA0: return true
        default: return false
        }
    }

    /// Visible scalars the screen drops in context (skin-tone modifiers after an emoji).
    private static func isDroppedOnScreen(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F3FB...0x1F3FF).contains(scalar.value)
    }
}
