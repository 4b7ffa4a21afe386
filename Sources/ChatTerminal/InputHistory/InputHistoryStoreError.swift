import Foundation

/// Why the input history file could not be saved.
public enum InputHistoryStoreError: Error, Equatable, CustomStringConvertible {
    /// Its directory did not exist and could not be made.
    case cannotCreateDirectory(String, reason: String)
    /// Writing or renaming the file failed with this errno.
    case cannotWrite(String, errno: Int32)
    /// The file's directory could not be opened or locked (for merging with other windows) with this errno.
    case cannotLock(String, errno: Int32)

    /// What went wrong and where, for the log.
    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "could not create \(path) for the input history: \(reason)"
        case .cannotWrite(let path, let code):
            "could not write the input history to \(path): \(String(cString: strerror(code)))"
        case .cannotLock(let path, let code):
            "could not lock \(path) to add to the input history: \(String(cString: strerror(code)))"
        }
    }
}
