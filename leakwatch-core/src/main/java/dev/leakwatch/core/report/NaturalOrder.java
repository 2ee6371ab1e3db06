package dev.leakwatch.core.report;

import java.util.Comparator;

/**
 * Orders names with their digit runs compared as numbers: {@code worker-2} before
 * {@code worker-10}.
 */
final class NaturalOrder implements Comparator<String> {

	static final NaturalOrder INSTANCE = new NaturalOrder();

	@Override
	public int compare(String left, String right) {
		int i = 0;
		int j = 0;
		while (i < left.length() && j < right.length()) {
			char a = left.charAt(i);
			char b = right.charAt(j);
			if (isDigit(a) && isDigit(b)) {
				int endA = digitsEnd(left, i);
				int endB = digitsEnd(right, j);
				int byNumber = compareNumbers(left.substring(i, endA), right.substring(j, endB));
				if (byNumber != 0) {
					return byNumber;
				}
				i = endA;
				j = endB;
			}
			else {
				if (a != b) {
					return Character.compare(a, b);
				}
				i++;
				j++;
			}
		}
		return Integer.compare(left.length() - i, right.length() - j);
	}

	private static int compareNumbers(String a, String b) {
		String left = stripZeros(a);
		String right = stripZeros(b);
		return (left.length() != right.length()) ? Integer.compare(left.length(), right.length())
				: left.compareTo(right);
	}

	private static String stripZeros(String digits) {
		int start = 0;
		while (start < digits.length() - 1 && digits.charAt(start) == '0') {
			start++;
		}
		return digits.substring(start);
	}

	private static int digitsEnd(String text, int from) {
		int end = from;
		while (end < text.length() && isDigit(text.charAt(end))) {
			end++;
		}
		return end;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
