package dev.leakwatch.core.report;

import java.util.EnumMap;
import java.util.Map;

/** The usual fix for each kind of suspect, one line each, for the text report. */
public final class SuspectHints {

	private static final Map<SuspectKind, String> HINTS = new EnumMap<>(SuspectKind.class);

	static {
		HINTS.put(SuspectKind.STUCK_TASK, "give the wait a timeout (get, await, poll or offer with one), or make sure"
				+ " its peer completes the future, counts down, takes, puts or notifies");
		HINTS.put(SuspectKind.STARVED_QUEUE,
				"free the workers from the task holding them, or give blocking work a pool" + " of its own");
		HINTS.put(SuspectKind.DEADLOCK, "take the locks in one order everywhere, or use tryLock with a timeout");
		HINTS.put(SuspectKind.SCHEDULED_STUCK,
				"give the job's blocking call a timeout: on Boot's one-thread scheduler a"
						+ " hung job stops every other job");
		HINTS.put(SuspectKind.SCHEDULER_STARVED,
				"give the holding job a timeout, or more scheduler threads" + " (spring.task.scheduling.pool.size)");
		HINTS.put(SuspectKind.PERIODIC_TASK_GROWTH, "keep the ScheduledFuture and cancel it when its owner is done");
		HINTS.put(SuspectKind.HTTP_STUCK, "give the client a read timeout (spring.http.clients.read-timeout)");
		HINTS.put(SuspectKind.UNCONSUMED_RESPONSE, "read the body, or release or close the response");
		HINTS.put(SuspectKind.THREAD_GROWTH, "give each thread a way to end (a timeout, an interrupt on shutdown), or"
				+ " use a shared pool; cancel() each Timer");
		HINTS.put(SuspectKind.EXECUTOR_GROWTH, "shut each executor down when done (in finally), or share one");
		HINTS.put(SuspectKind.UNREACHABLE_WAIT, "nothing can wake these threads: find who should have completed what"
				+ " they wait on, and why it was dropped");
	}

	private SuspectHints() {
	}

	/** The usual fix for {@code kind}. */
	public static String of(SuspectKind kind) {
		return HINTS.get(kind);
	}

}
