package com.example;

import java.util.Timer;

/** A library's static holder, as many keep one: its daemon Timer starts with the class and lives for the JVM. */
final class SharedTimer {

	static final Timer TIMER = new Timer("shared-timer", true);

	private SharedTimer() {
	}

}
