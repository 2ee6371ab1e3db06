package dev.leakwatch.test;

/**
 * When the live threads are compared: around each test method, or around the whole test
 * class.
 */
public enum CheckMode {

	/**
	 * Each test method must stop the threads it starts, from its {@code @BeforeEach}
	 * methods to its {@code @AfterEach} methods. Threads that exist when the method's
	 * {@code @BeforeEach} methods begin (those of {@code @BeforeAll} methods, of a cached
	 * Spring application context, of earlier tests) are not its leaks.
	 */
	PER_METHOD,

	/**
	 * The whole class must stop the threads it starts, from its {@code @BeforeAll}
	 * methods to its {@code @AfterAll} methods; one test may start a thread that a later
	 * one stops. Threads started while a test instance is created and post-processed
	 * (where Spring's {@code SpringExtension} loads or reuses the application context)
	 * belong to the test fixture and are not counted.
	 */
	PER_CLASS

}
