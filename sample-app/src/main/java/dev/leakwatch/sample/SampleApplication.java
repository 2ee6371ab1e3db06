package dev.leakwatch.sample;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** A small service that does healthy work all the time and leaks on request. */
@SpringBootApplication
@EnableAsync
@EnableScheduling
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	/** Where reports are built; leakwatch tracks it like any executor bean. */
	@Bean(destroyMethod = "shutdownNow")
	ThreadPoolExecutor reportExecutor() {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> new Thread(task, "report-" + count.incrementAndGet());
		return new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
	}

	/** Where {@link InboxConsumer}'s loop runs, for the application's whole life. */
	@Bean(destroyMethod = "shutdownNow")
	ExecutorService inboxExecutor() {
		return Executors.newSingleThreadExecutor((task) -> new Thread(task, "inbox-1"));
	}

}
