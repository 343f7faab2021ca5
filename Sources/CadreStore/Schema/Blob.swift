import Foundation

extension Array where Element == UInt8 {
    /// `[UInt8]` isn't a database value; `Data` is. GRDB binds an empty `Data` as NULL, so the SQL
    /// that stores one writes `COALESCE(?, x'')` to keep "empty" distinct from "absent".
    var databaseBlob: Data { Data(self) }
}
