package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.SuspectKind;
import dev.leakwatch.core.task.RunningTask;
import dev.leakwatch.core.task.TaskKind;
import dev.leakwatch.core.thread.ThreadStack;

/**
 * {@code HTTP_STUCK}: a request in flight past the threshold (no response). {@code UNCONSUMED_RESPONSE}: a
 * response whose body delivered nothing for a whole threshold, neither consumed, released nor cancelled, which
 * keeps its connection from the pool: the JVM form of Go's unclosed {@code resp.Body}. A body that keeps
 * delivering bytes or events (a slow download, an event stream) is being consumed, however long it lasts.
 */
final class HttpRule implements SuspectRule {

	static final String UNCONSUMED_NOTE = "the response arrived but its body was never read, released or cancelled:"
			+ " read it, or release or close the response, so its connection goes back to the pool";

	static final String STALLED_NOTE = "the response's body stopped arriving: nothing more was read within the"
			+ " threshold, because the server stalls or the reader stopped; set a read timeout, or release or close"
			+ " the response, so its connection goes back to the pool";

	@Override
	public void evaluate(Look look, SuspectCollector suspects) {
		for (RunningTask request : look.running) {
			TaskKind kind = request.source().kind();
			if (kind != TaskKind.WEBCLIENT && kind != TaskKind.RESTCLIENT) {
				continue;
			}
			ThreadStack stack = look.stackOf(request);
			List<String> threads = (request.thread() != null) ? List.of(request.thread().getName()) : List.of();
			List<String> frames = (stack != null) ? stack.frameLines() : List.of();
			if (request.respondedNanos() == 0 && request.ageNanos(look.nowNanos) >= look.thresholdNanos) {
				look.stuck.add(request);
				suspects.add(SuspectKind.HTTP_STUCK, request.source().name(), request.description(), 1,
						LeakDetector.seconds(request.ageNanos(look.nowNanos)), (stack != null) ? stack.state() : null, threads,
						frames, Look.lines(request.submitSite()), request.note());
			}
			else if (request.respondedNanos() != 0
					&& !request.receivedSince(look.nowNanos - look.thresholdNanos)
					&& look.nowNanos - request.respondedNanos() >= look.thresholdNanos) {
				suspects.add(SuspectKind.UNCONSUMED_RESPONSE, request.source().name(), request.description(), 1,
						LeakDetector.seconds(look.nowNanos - request.respondedNanos()), null, threads, List.of(),
						Look.lines(request.submitSite()),
						(request.progressNanos() != 0) ? STALLED_NOTE : UNCONSUMED_NOTE);
			}
		}
	}

}
