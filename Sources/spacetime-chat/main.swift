import Foundation
FileHandle.standardError.write("spacetime-chat: not built yet\n".data(using: .utf8)!)
exit(1)
