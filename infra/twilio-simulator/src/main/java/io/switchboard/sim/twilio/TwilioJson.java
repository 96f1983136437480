package io.switchboard.sim.twilio;

import io.switchboard.sim.common.FormCodec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Renders resources with the snake_case fields of Twilio's 2010-04-01 schemas (checked by the spec tests). */
final class TwilioJson {

    /** RFC 2822 exactly as Twilio prints it: "Thu, 30 Jul 2015 23:19:04 +0000". */
    static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private TwilioJson() {
    }

    static String incomingNumberUri(String accountSid, String sid) {
        return "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + sid + ".json";
    }

    static Map<String, Object> incomingNumber(IncomingNumber n) {
        Webhooks w = n.webhooks();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("account_sid", n.accountSid());
        json.put("address_sid", null);
        json.put("address_requirements", "none");
        json.put("api_version", "2010-04-01");
        json.put("beta", false);
        json.put("capabilities", capabilities(n.capabilities()));
        json.put("date_created", date(n.dateCreated()));
        json.put("date_updated", date(n.dateUpdated()));
        json.put("friendly_name", n.friendlyName());
        json.put("identity_sid", null);
        json.put("phone_number", n.phoneNumber());
        json.put("origin", "twilio");
        json.put("sid", n.sid());
        json.put("sms_application_sid", null);
        json.put("sms_fallback_method", w.smsFallbackMethod());
        json.put("sms_fallback_url", w.smsFallbackUrl());
        json.put("sms_method", w.smsMethod());
        json.put("sms_url", w.smsUrl());
        json.put("status_callback", w.statusCallback());
        json.put("status_callback_method", w.statusCallbackMethod());
        json.put("trunk_sid", null);
        json.put("uri", incomingNumberUri(n.accountSid(), n.sid()));
        json.put("voice_receive_mode", "voice");
        json.put("voice_application_sid", null);
        json.put("voice_caller_id_lookup", false);
        json.put("voice_fallback_method", w.voiceFallbackMethod());
        json.put("voice_fallback_url", w.voiceFallbackUrl());
        json.put("voice_method", w.voiceMethod());
        json.put("voice_url", w.voiceUrl());
        json.put("emergency_status", "Inactive");
        json.put("emergency_address_sid", null);
        json.put("emergency_address_status", "unregistered");
        json.put("bundle_sid", null);
        json.put("status", "in-use");
        json.put("type", n.type());
        return json;
    }

    /**
     * One AvailablePhoneNumbers item. Latitude/longitude are JSON numbers as the spec declares (live Twilio
     * sends strings such as "37.774900"; twilio-java reads both into BigDecimal).
     */
    static Map<String, Object> availableNumber(CatalogNumber n) {
        CatalogNumber.Locality where = n.locality();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("friendly_name", n.nationalFormat());
        json.put("phone_number", n.phoneNumber());
        json.put("lata", where.lata());
        json.put("locality", where.locality());
        json.put("rate_center", where.rateCenter());
        json.put("latitude", where.latitude());
        json.put("longitude", where.longitude());
        json.put("region", where.region());
        json.put("postal_code", where.postalCode());
        json.put("iso_country", n.isoCountry());
        json.put("address_requirements", "none");
        json.put("beta", false);
        json.put("capabilities", capabilities(n.capabilities()));
        return json;
    }

    /**
     * A Twilio list page: {@code {"<listKey>":[...], "page", "page_size", "start", "end", "uri",
     * "first_page_uri", "next_page_uri", "previous_page_uri"}}; URIs are relative, as Twilio sends them.
     */
    static <T> Map<String, Object> page(String listKey, List<T> all, Function<T, Object> render, String path,
                                        Map<String, String> filters, int pageSize, int page) {
        int start = Math.min(page * pageSize, all.size());
        int end = Math.min(start + pageSize, all.size());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(listKey, all.subList(start, end).stream().map(render).toList());
        json.put("page", page);
        json.put("page_size", pageSize);
        json.put("start", start);
        json.put("end", Math.max(start, end - 1));
        json.put("uri", pageUri(path, filters, pageSize, page));
        json.put("first_page_uri", pageUri(path, filters, pageSize, 0));
        json.put("next_page_uri", end < all.size() ? pageUri(path, filters, pageSize, page + 1) : null);
        json.put("previous_page_uri", page > 0 ? pageUri(path, filters, pageSize, page - 1) : null);
        return json;
    }

    private static String pageUri(String path, Map<String, String> filters, int pageSize, int page) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("PageSize", Integer.toString(pageSize));
        query.put("Page", Integer.toString(page));
        return path + "?" + FormCodec.encode(query);
    }

    private static Map<String, Object> capabilities(Capabilities c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("voice", c.voice());
        json.put("sms", c.sms());
        json.put("mms", c.mms());
        json.put("fax", c.fax());
        return json;
    }

    private static String date(Instant instant) {
        return RFC_2822.format(instant);
    }
}
