package io.switchboard.adapters.vapi.client;

import feign.Headers;
import feign.Param;
import feign.RequestLine;

import java.util.List;

/**
 * The VAPI endpoints the worker uses (Feign core). Authentication, timeouts and error decoding are set up in
 * {@link VapiClientFactory}; Feign's own retryer is off because Resilience4j decides what is retried.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
public interface VapiApi {

    @RequestLine("GET /assistant?limit={limit}")
    List<VapiDtos.Assistant> listAssistants(@Param("limit") int limit);

    @RequestLine("POST /assistant")
    VapiDtos.Assistant createAssistant(VapiDtos.CreateAssistant body);

    @RequestLine("DELETE /assistant/{id}")
    void deleteAssistant(@Param("id") String id);

    @RequestLine("GET /phone-number?limit={limit}")
    List<VapiDtos.PhoneNumber> listPhoneNumbers(@Param("limit") int limit);

    @RequestLine("POST /phone-number")
    VapiDtos.PhoneNumber createPhoneNumber(VapiDtos.CreateTwilioPhoneNumber body);

    @RequestLine("POST /phone-number")
    VapiDtos.PhoneNumber createFreePhoneNumber(VapiDtos.CreateVapiPhoneNumber body);

    @RequestLine("GET /phone-number/{id}")
    VapiDtos.PhoneNumber getPhoneNumber(@Param("id") String id);

    @RequestLine("PATCH /phone-number/{id}")
    VapiDtos.PhoneNumber updatePhoneNumber(@Param("id") String id, VapiDtos.UpdatePhoneNumber body);

    @RequestLine("DELETE /phone-number/{id}")
    void deletePhoneNumber(@Param("id") String id);

    @RequestLine("GET /credential")
    List<VapiDtos.Credential> listCredentials();

    @RequestLine("POST /credential")
    VapiDtos.Credential createCredential(VapiDtos.CreateTwilioCredential body);
}
