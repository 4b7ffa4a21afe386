import Foundation
FileHandle.standardError.write("spacetime-bench: not built yet\n".data(using: .utf8)!)
exit(1)
