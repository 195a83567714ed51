/// The records of the optional customer-care sources (SPEC §2.1 calls and surveys).
///
/// A national operator receives 20–40 million calls a year, so a call is kept compact: its
/// start as seconds since the epoch, the other instants as seconds after it (the row rules
/// guarantee that none precedes the start), dimension ids, and no string.

/// One inbound call to the customer-care number after de-duplication (SPEC §2.1 calls).
public struct Call: Sendable, Hashable {
  /// When the call reached the IVR, seconds since the Unix epoch (UTC).
  public var startedAt: Int64
  /// Seconds from ``startedAt`` to each later event, -1 when the event did not happen.
  private var requestedAfter: Int32
  private var answeredAfter: Int32
  private var endedAfter: Int32
  public var dimensions: DimensionValues
  /// Id of the exclusion reason in ``ValueDictionary`` (0 = not excluded).
  public var exclusion: UInt32

  /// Nil when an event precedes `startedAt` or follows it by more than `Int32.max` seconds
  /// (68 years): the row rules reject the first, and no call lasts the second.
  public init?(
    startedAt: Int64, operatorRequestedAt: Int64?, answeredAt: Int64?, endedAt: Int64?,
    dimensions: DimensionValues, exclusion: UInt32
  ) {
    func offset(_ instant: Int64?) -> Int32?? {
      guard let instant else { return .some(nil) }
      let seconds = instant - startedAt
      guard seconds >= 0, seconds <= Int64(Int32.max) else { return nil }
      return .some(Int32(seconds))
    }
    guard let requested = offset(operatorRequestedAt), let answered = offset(answeredAt),
      let ended = offset(endedAt)
    else { return nil }
    self.startedAt = startedAt
    requestedAfter = requested ?? -1
    answeredAfter = answered ?? -1
    endedAfter = ended ?? -1
    self.dimensions = dimensions
    self.exclusion = exclusion
  }

  /// When the caller asked for a human operator; nil when the call never asked for one.
  public var operatorRequestedAt: Int64? { instant(after: requestedAfter) }
  /// When a human operator answered; nil when not answered.
  public var answeredAt: Int64? { instant(after: answeredAfter) }
  /// When the call ended; nil when the export does not say.
  public var endedAt: Int64? { instant(after: endedAfter) }

  private func instant(after seconds: Int32) -> Int64? {
    seconds < 0 ? nil : startedAt + Int64(seconds)
  }
}

/// The four scored questions of a satisfaction survey (SPEC §2.1 surveys; ISC M2–M5).
public enum SurveyQuestion: Sendable, CaseIterable {
  case clarity, courtesy, quality, speed

  /// The canonical column holding the question's score.
  public var field: CanonicalField {
    switch self {
    case .clarity: .clarity
    case .courtesy: .courtesy
    case .quality: .quality
    case .speed: .speed
    }
  }
}

/// One satisfaction-survey invitation (SPEC §2.1 surveys); surveys are not de-duplicated.
public struct Survey: Sendable, Hashable {
  /// When the invitation was sent, seconds since the Unix epoch (UTC).
  public var sentAt: Int64
  public var responded: Bool
  /// The scores on the configured scale, nil where not answered.
  public var clarity: Int16?
  public var courtesy: Int16?
  public var quality: Int16?
  public var speed: Int16?
  public var dimensions: DimensionValues

  public init(
    sentAt: Int64, responded: Bool, clarity: Int16?, courtesy: Int16?, quality: Int16?, speed: Int16?,
    dimensions: DimensionValues
  ) {
    self.sentAt = sentAt
    self.responded = responded
    self.clarity = clarity
    self.courtesy = courtesy
    self.quality = quality
    self.speed = speed
    self.dimensions = dimensions
  }

  /// The score given to `question`, nil when none.
  public subscript(question: SurveyQuestion) -> Int16? {
    get {
      switch question {
      case .clarity: clarity
      case .courtesy: courtesy
      case .quality: quality
      case .speed: speed
      }
    }
    set {
      switch question {
      case .clarity: clarity = newValue
      case .courtesy: courtesy = newValue
      case .quality: quality = newValue
      case .speed: speed = newValue
      }
    }
  }
}
