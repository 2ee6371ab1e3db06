package dev.leakwatch.core.detect;

import dev.leakwatch.core.task.RunningRequest;

/**
 * {@code HTTP_STUCK}: a request in flight past the threshold (no response).
 * {@code UNCONSUMED_RESPONSE}: a response whose body delivered nothing for a whole
 * threshold, neither consumed, released nor cancelled, which keeps its connection from
 * the pool: the JVM form of Go's unclosed {@code resp.Body}. A body that keeps delivering
 * bytes or events (a slow download, an event stream) is being consumed, however long it
 * lasts.
 */
final class HttpRule implements SuspectRule {

	static final String UNCONSUMED_NOTE = "the response arrived but its body was never read, released or cancelled:"
			+ " read it, or release or close the response, so its connection goes back to the pool";

	static final String STALLED_NOTE = "the response's body stopped arriving: nothing more was read within the"
			+ " threshold, because the server stalls or the reader stopped; set a read timeout, or release or close"
			+ " the response, so its connection goes back to the pool";

	@Override
	public void evaluate(Snapshot snapshot, History history, Evaluation evaluation) {
		for (RunningRequest request : snapshot.requests()) {
			if (request.respondedNanos() == 0 && request.ageNanos(snapshot.nowNanos()) >= snapshot.thresholdNanos()) {
				evaluation.stuck.add(request.source());
				evaluation.suspects.add(Suspects.httpStuck(request, snapshot.stackOf(request.thread()),
						LeakDetector.seconds(request.ageNanos(snapshot.nowNanos()))));
			}
			else if (request.respondedNanos() != 0
					&& !request.receivedSince(snapshot.nowNanos() - snapshot.thresholdNanos())
					&& snapshot.nowNanos() - request.respondedNanos() >= snapshot.thresholdNanos()) {
				evaluation.suspects.add(Suspects.unconsumedResponse(request,
						LeakDetector.seconds(snapshot.nowNanos() - request.respondedNanos()),
						(request.progressNanos() != 0) ? STALLED_NOTE : UNCONSUMED_NOTE));
			}
		}
	}

}
