package dev.leakwatch.sample.leaks;

import dev.leakwatch.sample.upstream.FakeUpstream;

import org.springframework.stereotype.Component;

/**
 * Makes the upstream behind {@code InventorySync} stop answering. That {@code @Scheduled}
 * job calls it every second with {@code block()} and no timeout, so its next run hangs;
 * with Boot's one scheduler thread every other {@code @Scheduled} job (the healthy
 * reports, the periodic leak's tasks) stops with it, silently.
 * <p>
 * Fix: a timeout on the call ({@code .block(Duration)} or {@code .timeout(...)}). A
 * larger scheduler pool ({@code spring.task.scheduling.pool.size}) only takes longer to
 * starve.
 */
@Component
class ScheduledJobHang implements Leak {

	private final FakeUpstream upstream;

	ScheduledJobHang(FakeUpstream upstream) {
		this.upstream = upstream;
	}

	@Override
	public String name() {
		return "scheduled-hang";
	}

	/** There is one scheduler thread to hang. */
	@Override
	public int maxPerCall() {
		return 1;
	}

	@Override
	public void leak(int count) {
		this.upstream.stallInventory();
	}

	@Override
	public int outstanding() {
		return this.upstream.isInventoryStalled() ? 1 : 0;
	}

	@Override
	public int release() {
		if (!this.upstream.isInventoryStalled()) {
			return 0;
		}
		this.upstream.resumeInventory();
		return 1;
	}

}
