package io.switchboard.harness;

/**
 * Spreads organizations over many US area codes: the Twilio simulator sells at most 100 numbers per area code, and a
 * run of thousands of sagas in one area code would measure "no numbers left", not the engine.
 */
public final class AreaCodes {
    private AreaCodes() {
    }

    public static String forIndex(int i) {
        int code = 201 + Math.floorMod(i * 7, 700);
        if (code == 533 || code == 800 || code == 888 || code % 100 == 11) {
            code += 1; // 533: the simulator's "nothing for sale"; toll-free and N11 are not local area codes
        }
        return Integer.toString(code);
    }
}
