package dev.leakwatch.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;

import dev.leakwatch.core.detect.LeakDetector;
import dev.leakwatch.core.report.Deadlock;
import dev.leakwatch.core.report.LeakReport;
import dev.leakwatch.core.report.LeakReportTextFormatter;
import dev.leakwatch.core.report.SourceStats;
import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.report.ThreadSummary;
import dev.leakwatch.core.thread.StackGroup;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/leaks}: leak suspects, deadlocks, task sources and every live thread grouped by stack.
 * JSON by default, a terminal-friendly report for {@code Accept: text/plain}.
 */
@Endpoint(id = "leaks")
public class LeaksEndpoint {

	private final LeakDetector detector;

	private final LeakReportTextFormatter textFormatter = new LeakReportTextFormatter();

	public LeaksEndpoint(LeakDetector detector) {
		this.detector = detector;
	}

	@ReadOperation
	public LeaksDescriptor leaks() {
		return LeaksDescriptor.of(this.detector.report());
	}

	@ReadOperation(produces = "text/plain;charset=UTF-8")
	public String textLeaks() {
		return this.textFormatter.format(this.detector.report());
	}

	/** The JSON body; fields may be added, none renamed. */
	public record LeaksDescriptor(Instant timestamp, double stuckThresholdSeconds, ThreadSummary threads,
			List<SourceStats> sources, List<Suspect> suspects, List<StackGroup> groups,
			List<Deadlock> deadlocks) implements OperationResponseBody {

		static LeaksDescriptor of(LeakReport report) {
			return new LeaksDescriptor(report.timestamp(), report.stuckThresholdSeconds(), report.threads(),
					report.sources(), report.suspects(), report.groups(), report.deadlocks());
		}

	}

}
