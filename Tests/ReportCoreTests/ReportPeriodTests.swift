import ReportCore
import Testing

/// The periods `--period current` and `--period previous` name (SPEC §7).
@Suite struct ReportPeriodTests {
  @Test(arguments: [
    ("2026-01-01", "2026-H1"), ("2026-06-30", "2026-H1"), ("2026-07-01", "2026-H2"),
    ("2026-12-31", "2026-H2"),
  ])
  func currentIsTheSemesterContainingTheDate(date: String, period: String) {
    #expect(ReportPeriod(semesterContaining: LocalDate(parsing: date)!).description == period)
  }

  /// The job of 1 July makes the final H1; the job of 1 January the final H2 of the year before.
  @Test(arguments: [
    ("2026-07-01", "2026-H1"), ("2026-12-31", "2026-H1"), ("2027-01-01", "2026-H2"),
    ("2026-06-30", "2025-H2"),
    ("2026-01-01", "2025-H2"),
  ])
  func previousIsTheLastSemesterThatEndedBeforeTheDate(date: String, period: String) {
    let day = LocalDate(parsing: date)!
    let previous = ReportPeriod(semesterEndedBefore: day)
    #expect(previous.description == period)
    #expect(previous.last < day)
    // No semester ends between it and the date.
    #expect(ReportPeriod(semesterContaining: day).first == previous.last.adding(days: 1))
  }
}
