import Foundation
FileHandle.standardError.write("spacetime-generate: not built yet\n".data(using: .utf8)!)
exit(1)
