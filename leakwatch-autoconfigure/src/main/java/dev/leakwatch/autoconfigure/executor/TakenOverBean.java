package dev.leakwatch.autoconfigure.executor;

/**
 * Marks a bean that took over its executor ({@link TakenOverExecutors}): unlike a proxy,
 * it is not the object the bean definition created, which Spring destroys.
 */
interface TakenOverBean extends TrackedExecutorBean {

}
