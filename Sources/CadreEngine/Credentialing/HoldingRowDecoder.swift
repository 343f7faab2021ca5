/// Checks holdings rows one by one: people and credentials known, dates real and in order, not
/// earned after the as-of day, and no person holding the same credential from the same day twice.
struct HoldingRowDecoder: RowDecoder {
    let file: String
    private let people: IdentifierTable
    private let credentials: IdentifierTable
    /// Per credential (by `credentials` index).
    private let catalogue: [Credential]
    private let asOf: CalendarDay
    /// (person index, credential index, earned day) → the line it was first seen on.
    private var seen: [HoldingKey: Int] = [:]
    private(set) var rowCount = 0

    private struct HoldingKey: Hashable {
        var person: Int
        var credential: Int
        var earnedOn: Int64
    }

    init(file: String, context: HoldingImportContext) {
        self.file = file
        people = IdentifierTable(context.people)
        credentials = IdentifierTable(context.catalogue.credentials.map(\.id))
        catalogue = context.catalogue.credentials
        asOf = context.asOf
    }

    mutating func decode(
        _ row: borrowing ImportRow, _ bytes: UnsafeBufferPointer<UInt8>, log: inout ImportErrorLog
    ) throws(InputError) -> CredentialHolding? {
        rowCount += 1
        let fields = RowFields(file: file, schema: .credentialHoldings, row: copy row, bytes: bytes)
        typealias C = HoldingColumn
        var errors: [InputError] = []
        for column in HoldingColumn.needingValues where fields.isEmpty(column) {
            errors.append(fields.missing(column))
        }
        var person: Int?
        if !fields.isEmpty(C.person) {
            person = fields.withIdentifier(C.person) { people.index(of: $0) }
            if person == nil {
                errors.append(fields.error(.importUnknownPerson, C.person, "no person has the id \(fields.quoted(C.person))",
                                           hint: "import the person in a people file before their credentials"))
            }
        }
        var credential: Int?
        if !fields.isEmpty(C.credential) {
            credential = fields.withIdentifier(C.credential) { credentials.index(of: $0) }
            if credential == nil {
                errors.append(fields.error(
                    .credentialUnknownCredential, C.credential, "the catalogue has no credential \(fields.quoted(C.credential))",
                    hint: RowFields.suggestion(for: fields.string(C.credential), among: credentials.strings,
                                               otherwise: "add it to the credential catalogue first")))
            }
        }
        let earnedOn = day(fields, C.earnedOn, &errors)
        let statedExpiry = day(fields, C.expiresOn, &errors)
        if let earnedOn, earnedOn > asOf {
            errors.append(fields.error(.credentialEarnedInFuture, C.earnedOn,
                                       "earned on \(earnedOn), after the as-of day \(asOf)",
                                       hint: "check the date; a credential is recorded once it has been awarded"))
        }
        if let earnedOn, let statedExpiry, statedExpiry <= earnedOn {
            errors.append(fields.error(.credentialExpiresBeforeEarned, C.expiresOn,
                                       "expires on \(statedExpiry), not after the day it was earned (\(earnedOn))",
                                       hint: "expires_on is the first day it no longer counts; leave it empty to use the catalogue's validity"))
        }
        let reference = fields.optionalString(C.reference)
        if let reference, CredentialRules.hasControlCharacter(reference) {
            errors.append(fields.error(.credentialControlCharacter, C.reference, "the reference holds a control character",
                                       hint: "write it on one line"))
        }
        if let person, let credential, let earnedOn {
            let key = HoldingKey(person: person, credential: credential, earnedOn: earnedOn.daysSinceEpoch)
            if let first = seen[key] {
                errors.append(fields.error(
                    .credentialDuplicateHolding, C.earnedOn,
                    "\(people.strings[person]) already holds \(credentials.strings[credential]) earned on \(earnedOn)",
                    hint: "the same holding is on line \(first); keep one row"))
            } else if errors.isEmpty {
                seen[key] = row.line
            }
        }

        for error in errors { try log.record(error) }
        guard errors.isEmpty, let person, let credential, let earnedOn else { return nil }
        let expiresOn = statedExpiry ?? catalogue[credential].defaultExpiry(earnedOn: earnedOn)
        return CredentialHolding(person: people.strings[person], credential: credentials.strings[credential],
                                 earnedOn: earnedOn, expiresOn: expiresOn, reference: reference,
                                 verification: .notApplicable)
    }

    func finish(log: inout ImportErrorLog) throws(InputError) {}

    private func day(_ fields: RowFields, _ column: Int, _ errors: inout [InputError]) -> CalendarDay? {
        guard !fields.isEmpty(column) else { return nil }
        if let day = FieldScanning.day(fields.buffer(column)) { return day }
        errors.append(fields.error(.importBadDate, column, "\(fields.quoted(column)) is not a date",
                                   hint: "write dates as YYYY-MM-DD, e.g. 2025-03-31"))
        return nil
    }
}
