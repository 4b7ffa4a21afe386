/// Splits SQL text into ``SQLToken``s.
enum SQLTokenizer {
    /// The tokens of `sql`, or why it cannot be split.
    static func tokenize(_ sql: String) throws(SQLError) -> [SQLToken] {
        var tokens: [SQLToken] = []
        let characters = Array(sql)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if "*=;,.()".contains(character) {
                tokens.append(.symbol(String(character)))
                index += 1
            } else if character == "<" || character == ">" || character == "!" {
                let following = index + 1 < characters.count ? characters[index + 1] : nil
                if following == "=" || (character == "<" && following == ">") {
                    tokens.append(.symbol(String(character) + String(following ?? " ")))
                    index += 2
                } else if character == "!" {
                    throw .unsupported(sql: sql, reason: "unexpected character `!`")
                } else {
                    tokens.append(.symbol(String(character)))
                    index += 1
                }
            } else if character == "'" || character == "\"" {
                let quote = character
                var text = ""
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == quote {
                        if index + 1 < characters.count, characters[index + 1] == quote {
                            text.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    text.append(characters[index])
                    index += 1
                }
                guard closed else { throw .unsupported(sql: sql, reason: "unterminated quote") }
                tokens.append(quote == "'" ? .string(text) : .quoted(text))
            } else if character == "0", index + 1 < characters.count, characters[index + 1] == "x" || characters[index + 1] == "X" {
                index += 2
                var digits = ""
                while index < characters.count, characters[index].isHexDigit {
                    digits.append(characters[index])
                    index += 1
                }
                tokens.append(.hex(digits))
            } else if (character == "X" || character == "x"), index + 1 < characters.count, characters[index + 1] == "'" {
                index += 2
                var digits = ""
                while index < characters.count, characters[index] != "'" {
                    digits.append(characters[index])
                    index += 1
                }
                guard index < characters.count else { throw .unsupported(sql: sql, reason: "unterminated hex literal") }
                index += 1
                tokens.append(.hex(digits))
            } else if character.isNumber || character == "-" {
                var digits = String(character)
                index += 1
                while index < characters.count, characters[index].isNumber {
                    digits.append(characters[index])
                    index += 1
                }
                tokens.append(.integer(digits))
            } else if character.isLetter || character == "_" {
                var word = ""
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    word.append(characters[index])
                    index += 1
                }
                switch word.lowercased() {
                case "true": tokens.append(.bool(true))
                case "false": tokens.append(.bool(false))
                default: tokens.append(.word(word))
                }
            } else {
                throw .unsupported(sql: sql, reason: "unexpected character `\(character)`")
            }
        }
        return tokens
    }
}
