import Configuration
import ReportCore

/// Calls (SPEC §2.1): one record per `call_id` after de-duplication, like tickets.
struct CallsSink: IdentifiedRecordSink {
  var values: ValueTables
  let decoding: SourceDecoding
  var store: RecordStore<Call>
  let idField: CanonicalField

  /// - Parameter keepingIDs: keep the records' ids (``RecordStore/ids``), for `run --records`.
  init(configuration: SourceConfiguration, decoding: SourceDecoding, keepingIDs: Bool = false) {
    self.decoding = decoding
    values = ValueTables(schema: configuration.schema, mappings: configuration.values)
    store = RecordStore(deduplicating: configuration.deduplicate, keepingIDs: keepingIDs)
    idField = configuration.schema.idField!
  }

  /// Rules: `call_id` and `started_at` are required; the other times are optional, to the
  /// second, on the source's time rules (SPEC §3: a time in the March gap moves forward, a
  /// repeated October time is its first occurrence). A row is rejected when
  /// `operator_requested_at` is before `started_at`, `answered_at` before
  /// `operator_requested_at`, `answered_at` is set without `operator_requested_at`, or
  /// `ended_at` is before `started_at` — compared as instants (true elapsed time).
  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem) {
    let id = try fields.requiredBytes(idField)
    let started = try decoding.requiredInstant(.startedAt, in: fields)
    let requested = try decoding.instant(.operatorRequestedAt, in: fields)
    let answered = try decoding.instant(.answeredAt, in: fields)
    let ended = try decoding.instant(.endedAt, in: fields)
    let dimensions = try self.dimensions(fields, required: [], optional: [.service, .customer, .region])
    let exclusion = try values.open(.exclusion, in: fields)
    let updatedAt = try decoding.instant(.updatedAt, in: fields)
    if let requested, requested < started {
      throw fields.problem(.operatorRequestedAt, "operator_requested_at before started_at")
    }
    if let answered {
      guard let requested else {
        throw fields.problem(.answeredAt, "answered_at without operator_requested_at")
      }
      if answered < requested {
        throw fields.problem(.answeredAt, "answered_at before operator_requested_at")
      }
    }
    if let ended, ended < started {
      throw fields.problem(.endedAt, "ended_at before started_at")
    }
    guard
      let call = Call(
        startedAt: started, operatorRequestedAt: requested, answeredAt: answered, endedAt: ended,
        dimensions: dimensions, exclusion: exclusion)
    else {
      throw fields.problem(.endedAt, "call longer than 68 years")
    }
    store.add(call, id: id, updatedAt: updatedAt, encoding: fields.encoding)
  }
}

/// Survey invitations (SPEC §2.1): every valid row is a record (surveys are not
/// de-duplicated: an invitation exported twice counts twice).
struct SurveysSink: IdentifiedRecordSink {
  var values: ValueTables
  let decoding: SourceDecoding
  let scale: ClosedRange<Int>
  /// Never de-duplicating: every row is kept, with its id when asked.
  var store: RecordStore<Survey>
  var idField: CanonicalField { .surveyID }

  /// - Parameter keepingIDs: keep the records' ids (``RecordStore/ids``), for `run --records`.
  init(configuration: SourceConfiguration, decoding: SourceDecoding, keepingIDs: Bool = false) {
    self.decoding = decoding
    scale = configuration.scoreScale
    values = ValueTables(schema: configuration.schema, mappings: configuration.values)
    store = RecordStore(deduplicating: false, keepingIDs: keepingIDs)
  }

  /// Rules: `survey_id`, `sent_at` and `responded` are required; each score, when present, is
  /// a whole number on the configured scale, and only on a row with `responded` true.
  mutating func consume(_ fields: RowFields, file: String) throws(RowProblem) {
    let id = try fields.requiredBytes(.surveyID)
    let sent = try decoding.requiredInstant(.sentAt, in: fields)
    // `responded` takes the closed values `true` and `false`, in that order.
    guard let position = try values.closed(.responded, in: fields) else { throw fields.missing(.responded) }
    let responded = position == 1
    let dimensions = try self.dimensions(fields, required: [], optional: [.customer])
    var survey = Survey(
      sentAt: sent, responded: responded, clarity: nil, courtesy: nil, quality: nil, speed: nil,
      dimensions: dimensions)
    for question in SurveyQuestion.allCases {
      survey[question] = try score(question.field, fields, responded: responded)
    }
    store.add(survey, id: id, updatedAt: nil, encoding: fields.encoding)
  }

  /// The score in `field`, nil when empty.
  private func score(_ field: CanonicalField, _ fields: RowFields, responded: Bool) throws(RowProblem)
    -> Int16?
  {
    let bytes = fields.bytes(field)
    if bytes.isEmpty { return nil }
    if !responded { throw fields.problem(field, "score on a survey not responded") }
    let bounds = "\(scale.lowerBound)-\(scale.upperBound)"
    guard let number = FieldParsing.wholeNumber(bytes, decimalMark: fields.decimalMark) else {
      throw fields.problem(field, "not a whole number on the scale \(bounds)")
    }
    guard scale.contains(Int(number)) else {
      throw fields.problem(field, "score \(number) outside \(bounds)")
    }
    return Int16(number)
  }

}

extension RowFields {
  /// A problem of `field`, with its raw value.
  func problem(_ field: CanonicalField, _ reason: String) -> RowProblem {
    RowProblem(field: field, value: text(field), reason: reason)
  }
}
