package dev.leakwatch.sample;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Steady, short-lived work: the background a detector must stay quiet about. */
@Component
public class HealthyWork {

	private final ThreadPoolExecutor reportExecutor;

	private final CacheRefresher cacheRefresher;

	HealthyWork(ThreadPoolExecutor reportExecutor, CacheRefresher cacheRefresher) {
		this.reportExecutor = reportExecutor;
		this.cacheRefresher = cacheRefresher;
	}

	@Scheduled(fixedRate = 500)
	void submitReports() {
		for (int i = 0; i < 4; i++) {
			this.reportExecutor.execute(HealthyWork::buildReport);
		}
		this.cacheRefresher.refresh();
	}

	/** A short computation: a report, a price refresh. */
	public static long buildReport() {
		long sum = 0;
		int size = ThreadLocalRandom.current().nextInt(1_000, 10_000);
		for (int i = 0; i < size; i++) {
			sum += Long.hashCode(sum * 31 + i);
		}
		return sum;
	}

}
