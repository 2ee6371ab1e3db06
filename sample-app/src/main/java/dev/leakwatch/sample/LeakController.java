package dev.leakwatch.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** One endpoint per classic leak, each leaking a bounded amount per call; {@code /leaks/reset} undoes them. */
@RestController
public class LeakController {

	static final int MAX_PER_CALL = 50;

	private final ThreadPoolExecutor reportExecutor;

	/** Nobody ever takes from it: a channel send with no receiver. */
	private final SynchronousQueue<String> noTaker = new SynchronousQueue<>();

	private final List<Thread> deadlocked = new ArrayList<>();

	LeakController(ThreadPoolExecutor reportExecutor) {
		this.reportExecutor = reportExecutor;
	}

	/** Tasks on reportExecutor that block forever putting to a queue nobody reads. */
	@PostMapping("/leaks/blocked-put")
	Map<String, Object> blockedPut(@RequestParam(defaultValue = "1") int count) {
		if (count < 1 || count > MAX_PER_CALL) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"count must be between 1 and " + MAX_PER_CALL + ", was " + count);
		}
		for (int i = 0; i < count; i++) {
			this.reportExecutor.execute(new PublishReport(this.noTaker));
		}
		return Map.of("leaked", count, "kind", "blocked-put");
	}

	/** Two threads that each hold the lock the other wants. */
	@PostMapping("/leaks/deadlock")
	synchronized Map<String, Object> deadlock() {
		ReentrantLock accounts = new ReentrantLock();
		ReentrantLock ledger = new ReentrantLock();
		int n = this.deadlocked.size() / 2 + 1;
		Thread transfer = lockBoth("transfer-" + n, accounts, ledger);
		Thread audit = lockBoth("audit-" + n, ledger, accounts);
		this.deadlocked.add(transfer);
		this.deadlocked.add(audit);
		transfer.start();
		audit.start();
		return Map.of("leaked", 2, "kind", "deadlock");
	}

	/** Releases every leak this controller made. */
	@PostMapping("/leaks/reset")
	synchronized Map<String, Object> reset() throws InterruptedException {
		int released = 0;
		// queued publishers start as earlier ones are released: take until none comes for a while
		while (this.noTaker.poll(200, TimeUnit.MILLISECONDS) != null) {
			released++;
		}
		this.deadlocked.forEach(Thread::interrupt);
		released += this.deadlocked.size();
		this.deadlocked.clear();
		return Map.of("released", released);
	}

	private static Thread lockBoth(String name, ReentrantLock first, ReentrantLock second) {
		Thread thread = new Thread(() -> {
			first.lock();
			try {
				Thread.sleep(100);
				second.lockInterruptibly();
				second.unlock();
			}
			catch (InterruptedException ex) {
				// reset
			}
			finally {
				first.unlock();
			}
		}, name);
		thread.setDaemon(true);
		return thread;
	}

	/** A report publisher whose consumer never comes. */
	static final class PublishReport implements Runnable {

		private final SynchronousQueue<String> queue;

		PublishReport(SynchronousQueue<String> queue) {
			this.queue = queue;
		}

		@Override
		public void run() {
			try {
				this.queue.put("report");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
