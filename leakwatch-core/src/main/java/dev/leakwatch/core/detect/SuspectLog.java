package dev.leakwatch.core.detect;

import java.util.List;

import dev.leakwatch.core.report.Suspect;
import dev.leakwatch.core.thread.ApplicationFrames;
import dev.leakwatch.core.thread.StackFrames;

/**
 * One WARN line when a suspect appears, one INFO line when it clears: kind, source,
 * count, age and the first frame of application code. Source names are bean names,
 * scheduled methods and folded URI templates, never user data.
 */
public final class SuspectLog implements SuspectListener {

	private static final System.Logger logger = System.getLogger(SuspectLog.class.getName());

	@Override
	public void appeared(Suspect suspect) {
		logger.log(System.Logger.Level.WARNING, () -> "leak suspect: " + describe(suspect));
	}

	@Override
	public void cleared(Suspect suspect) {
		logger.log(System.Logger.Level.INFO, () -> "leak suspect cleared: " + describe(suspect));
	}

	/**
	 * {@code STUCK_TASK x1 source=orders task=PlaceOrder age=61.0s at com.example.Orders.place(Orders.java:42)}.
	 */
	static String describe(Suspect suspect) {
		StringBuilder line = new StringBuilder(suspect.kind().name()).append(" x").append(suspect.count());
		if (suspect.source() != null) {
			line.append(" source=").append(suspect.source());
		}
		if (suspect.task() != null) {
			line.append(" task=").append(suspect.task());
		}
		line.append(" age=").append(suspect.oldestAgeSeconds()).append('s');
		String frame = firstApplicationFrame(suspect.stack());
		if (frame != null) {
			line.append(" at ").append(frame);
		}
		return line.toString();
	}

	private static String firstApplicationFrame(List<String> stack) {
		if (stack == null) {
			return null;
		}
		for (String line : stack) {
			if (ApplicationFrames.isApplication(StackFrames.parse(line))) {
				return line;
			}
		}
		return null;
	}

}
