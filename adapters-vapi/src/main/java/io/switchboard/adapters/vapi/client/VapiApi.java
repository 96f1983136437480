package io.switchboard.adapters.vapi.client;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

import java.util.List;

/**
 * The VAPI endpoints the worker uses (Feign core), each as vapi_openapi.json declares it: no other path, query
 * parameter or body field. Authentication, timeouts and error decoding are set up in {@link VapiClientFactory};
 * Feign's own retryer is off because Resilience4j decides what is retried. Time parameters are ISO-8601 date-times
 * ({@link VapiTimes}); {@code limit} is at most 1000.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
public interface VapiApi {

    /** {@code AssistantController_findAll}: the assistants created in {@code [createdAtGe, createdAtLt)}. */
    @RequestLine("GET /assistant?createdAtGe={createdAtGe}&createdAtLt={createdAtLt}&limit={limit}")
    List<VapiDtos.Assistant> listAssistantsCreated(@Param("createdAtGe") String createdAtGe,
                                                   @Param("createdAtLt") String createdAtLt, @Param("limit") int limit);

    @RequestLine("GET /assistant/{id}")
    VapiDtos.Assistant getAssistant(@Param("id") String id);

    @RequestLine("POST /assistant")
    VapiDtos.Assistant createAssistant(VapiDtos.CreateAssistant body);

    @RequestLine("PATCH /assistant/{id}")
    VapiDtos.Assistant updateAssistant(@Param("id") String id, VapiDtos.UpdateAssistant body);

    @RequestLine("DELETE /assistant/{id}")
    void deleteAssistant(@Param("id") String id);

    /** {@code PhoneNumberController_findAll}: the numbers (every provider) created in {@code [createdAtGe, createdAtLt)}. */
    @RequestLine("GET /phone-number?createdAtGe={createdAtGe}&createdAtLt={createdAtLt}&limit={limit}")
    List<VapiDtos.PhoneNumber> listPhoneNumbersCreated(@Param("createdAtGe") String createdAtGe,
                                                       @Param("createdAtLt") String createdAtLt, @Param("limit") int limit);

    /** {@code PhoneNumberController_findAllPaginated}: {@code search} matches name, number or SIP URI, partially. */
    @RequestLine("GET /v2/phone-number?search={search}&page={page}&limit={limit}")
    VapiDtos.PhoneNumberPage searchPhoneNumbers(@Param("search") String search, @Param("page") int page,
                                                @Param("limit") int limit);

    /** Imports a Twilio number ({@code CreateTwilioPhoneNumberDTO}). */
    @RequestLine("POST /phone-number")
    VapiDtos.PhoneNumber createPhoneNumber(VapiDtos.CreateTwilioPhoneNumber body);

    /** Gets a free VAPI number ({@code CreateVapiPhoneNumberDTO}). */
    @RequestLine("POST /phone-number")
    VapiDtos.PhoneNumber createFreePhoneNumber(VapiDtos.CreateVapiPhoneNumber body);

    @RequestLine("GET /phone-number/{id}")
    VapiDtos.PhoneNumber getPhoneNumber(@Param("id") String id);

    /** {@code UpdateTwilioPhoneNumberDTO}, one branch of the update body's oneOf discriminated by {@code provider}. */
    @RequestLine("PATCH /phone-number/{id}")
    VapiDtos.PhoneNumber updatePhoneNumber(@Param("id") String id, VapiDtos.UpdateTwilioPhoneNumber body);

    /** Re-binds a number of any provider to an assistant ({@code PhoneNumberController_update}). */
    @RequestLine("PATCH /phone-number/{id}")
    VapiDtos.PhoneNumber rebindPhoneNumber(@Param("id") String id, VapiDtos.UpdatePhoneNumberAssistant body);

    @RequestLine("DELETE /phone-number/{id}")
    void deletePhoneNumber(@Param("id") String id);
}
