package dev.leakwatch.autoconfigure;

import java.util.concurrent.CountDownLatch;

/**
 * A task that waits until its test releases it: a named class, so reports describe it as
 * {@code AwaitRelease}.
 */
public final class AwaitRelease implements Runnable {

	private final CountDownLatch release;

	public AwaitRelease(CountDownLatch release) {
		this.release = release;
	}

	@Override
	public void run() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
