package dev.leakwatch.autoconfigure.endpoint;

import java.time.Instant;
import java.util.List;

import dev.leakwatch.core.report.LeakDiff;
import dev.leakwatch.core.thread.GroupChange;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The JSON body of {@code /actuator/leaks/diff}, and of {@code POST /actuator/leaks} (the
 * diff right after the baseline is recorded): the groups whose count changed, as
 * {@code pprof -diff_base} shows them.
 */
public record DiffDescriptor(Instant timestamp, Instant baselineTimestamp, List<ChangeDescriptor> changes,
		List<String> notes) implements OperationResponseBody {

	static DiffDescriptor of(LeakDiff diff) {
		return new DiffDescriptor(diff.timestamp(), diff.baselineTimestamp(),
				LeaksDescriptor.map(diff.changes(), ChangeDescriptor::of), diff.notes());
	}

	/**
	 * One group whose count changed: {@code change} is {@code delta} as {@code +n} or
	 * {@code -n}.
	 */
	public record ChangeDescriptor(String change, int delta, int count, int before, Thread.State state,
			List<String> families, List<String> stack) {

		static ChangeDescriptor of(GroupChange change) {
			return new ChangeDescriptor(change.change(), change.delta(), change.count(), change.before(),
					change.state(), change.families(), change.stack());
		}

	}

}
