package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.thread.IdleThreadFilter;
import dev.leakwatch.core.thread.IdleThreads;
import dev.leakwatch.core.thread.ThreadStack;

/** Reads a thread's {@link ThreadRole} from its frames. */
final class ThreadRoles {

	private ThreadRoles() {
	}

	/** {@code track} with its role and idle reason read from {@code frames}. */
	static ThreadTrack classify(ThreadTrack track, List<StackTraceElement> frames, List<IdleThreadFilter> filters) {
		ThreadStack stack = new ThreadStack(track.id(), track.name(), track.state(), track.daemon(), frames, null, null,
				track.virtual());
		IdleThreadFilter idle = IdleThreads.matching(stack, filters);
		ThreadRole role;
		if (idle != null) {
			role = IdleThreads.isIdleWorker(stack) ? ThreadRole.IDLE_WORKER : ThreadRole.IDLE;
		}
		else {
			role = isRunningTask(stack) ? ThreadRole.TASK : ThreadRole.THREAD;
		}
		return track.withFrames(frames, role, (idle != null) ? idle.name() : null,
				stack.hasFrame("java.util.TimerThread", "mainLoop"));
	}

	/**
	 * Whether a worker runs a task: a {@code ThreadPoolExecutor} (and so a scheduled
	 * pool, Reactor's schedulers, Spring's task executors) in {@code runWorker}, a
	 * fork-join worker (the common pool, {@code CompletableFuture}'s async tasks,
	 * parallel streams) executing a task, a Netty event executor running one, or a
	 * virtual thread a thread-per-task executor started for its task: the JDK's and
	 * Reactor's bounded-elastic on virtual threads (what
	 * {@code Schedulers.boundedElastic()} is once Spring Boot's virtual threads are on).
	 */
	static boolean isRunningTask(ThreadStack stack) {
		return stack.hasFrame("java.util.concurrent.ThreadPoolExecutor", "runWorker")
				|| stack.hasFrame("java.util.concurrent.ForkJoinTask", "doExec")
				|| stack.hasFrame("java.util.concurrent.ForkJoinPool$WorkQueue", "topLevelExec")
				|| stack.hasFrame("io.netty.util.concurrent.AbstractEventExecutor", "runTask")
				|| stack.hasFrame("io.netty.util.concurrent.AbstractEventExecutor", "safeExecute")
				|| stack.hasFrame("java.util.concurrent.ThreadPerTaskExecutor$TaskRunner", "run")
				|| stack.hasFrame("java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture", "run")
				|| stack.hasFrame("reactor.core.scheduler.BoundedElasticThreadPerTaskScheduler$SchedulerTask", "run");
	}

}
