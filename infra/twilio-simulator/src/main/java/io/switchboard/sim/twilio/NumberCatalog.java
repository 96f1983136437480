package io.switchboard.sim.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The deterministic list of numbers "Twilio" has for sale. For every US area code it generates
 * {@code +1 NPA 555 01XX} for XX = 00 .. numbersPerAreaCode-1: the 555-01XX block is reserved for fictional
 * use, so the simulator can never hand out a real subscriber's number, and tests can predict every number.
 * Every tenth number (…09, …19) is voice-only, so SmsEnabled filters have something to filter.
 *
 * @param numbersPerAreaCode 0..100
 * @param emptyAreaCodes     area codes with nothing for sale; 533 by default, Twilio's magic "no numbers" value
 * @param searchAreaCodes    area codes listed by a Local search without AreaCode
 */
public record NumberCatalog(int numbersPerAreaCode, Set<String> emptyAreaCodes, List<String> searchAreaCodes) {

    public static final String MAGIC_EMPTY_AREA_CODE = "533";
    private static final List<String> TOLL_FREE_AREA_CODES = List.of("800", "888");
    private static final Pattern AREA_CODE = Pattern.compile("[2-9]\\d\\d");
    private static final Pattern NANP_NUMBER = Pattern.compile("\\+1([2-9]\\d\\d)(\\d{7})");

    /** A few well-known area codes so Local results carry plausible locality data. */
    private static final Map<String, CatalogNumber.Locality> LOCALITIES = Map.of(
            "415", new CatalogNumber.Locality("San Francisco", "CA", "94105", "SNFC CNTRL", "722", 37.7749, -122.4194),
            "212", new CatalogNumber.Locality("New York", "NY", "10001", "NWYRCYZN01", "132", 40.7128, -74.0060),
            "312", new CatalogNumber.Locality("Chicago", "IL", "60601", "CHICAGO", "358", 41.8781, -87.6298),
            "206", new CatalogNumber.Locality("Seattle", "WA", "98101", "SEATTLE", "674", 47.6062, -122.3321),
            "512", new CatalogNumber.Locality("Austin", "TX", "78701", "AUSTIN", "558", 30.2672, -97.7431),
            "617", new CatalogNumber.Locality("Boston", "MA", "02108", "BOSTON", "128", 42.3601, -71.0589),
            "808", new CatalogNumber.Locality("Hilo", "HI", "96720", "HILO", "834", 19.72, -155.09));

    public NumberCatalog {
        if (numbersPerAreaCode < 0 || numbersPerAreaCode > 100) {
            throw new IllegalArgumentException("numbersPerAreaCode must be 0..100, got " + numbersPerAreaCode);
        }
        emptyAreaCodes = Set.copyOf(emptyAreaCodes);
        searchAreaCodes = List.copyOf(searchAreaCodes);
    }

    public static NumberCatalog defaults() {
        return new NumberCatalog(20, Set.of(MAGIC_EMPTY_AREA_CODE), List.of("415", "212", "312"));
    }

    public NumberCatalog withEmptyAreaCodes(Set<String> areaCodes) {
        return new NumberCatalog(numbersPerAreaCode, areaCodes, searchAreaCodes);
    }

    public NumberCatalog withNumbersPerAreaCode(int count) {
        return new NumberCatalog(count, emptyAreaCodes, searchAreaCodes);
    }

    public static boolean isAreaCode(String value) {
        return value != null && AREA_CODE.matcher(value).matches();
    }

    /** Local numbers for sale in a country, in one area code or (null) in the default search area codes. */
    public List<CatalogNumber> local(String isoCountry, String areaCode) {
        if (!"US".equals(isoCountry)) {
            return List.of();
        }
        List<String> codes = areaCode == null ? searchAreaCodes : List.of(areaCode);
        List<CatalogNumber> numbers = new ArrayList<>();
        codes.forEach(code -> numbers.addAll(generate(code, "local")));
        return numbers;
    }

    public List<CatalogNumber> tollFree(String isoCountry) {
        if (!"US".equals(isoCountry)) {
            return List.of();
        }
        List<CatalogNumber> numbers = new ArrayList<>();
        TOLL_FREE_AREA_CODES.forEach(code -> numbers.addAll(generate(code, "tollfree")));
        return numbers;
    }

    /** The catalog entry for a specific E.164 number, if this catalog would ever sell it. */
    public Optional<CatalogNumber> find(String e164) {
        var m = NANP_NUMBER.matcher(e164);
        if (!m.matches()) {
            return Optional.empty();
        }
        String type = TOLL_FREE_AREA_CODES.contains(m.group(1)) ? "tollfree" : "local";
        return generate(m.group(1), type).stream().filter(n -> n.phoneNumber().equals(e164)).findFirst();
    }

    private List<CatalogNumber> generate(String areaCode, String type) {
        if (!isAreaCode(areaCode) || emptyAreaCodes.contains(areaCode)) {
            return List.of();
        }
        CatalogNumber.Locality locality = type.equals("local")
                ? LOCALITIES.getOrDefault(areaCode, CatalogNumber.Locality.none())
                : CatalogNumber.Locality.none();
        List<CatalogNumber> numbers = new ArrayList<>(numbersPerAreaCode);
        for (int i = 0; i < numbersPerAreaCode; i++) {
            String number = "+1" + areaCode + "555" + String.format("%04d", 100 + i);
            Capabilities capabilities = i % 10 == 9 ? Capabilities.voiceOnly() : Capabilities.full();
            numbers.add(new CatalogNumber(number, areaCode, type, "US", locality, capabilities));
        }
        return numbers;
    }
}
