package io.github.samcoauth.adapter.http;

/** Body of {@code POST /webSecretCodeValidation}; the code is a secret. */
record ValidateLoginCodeRequestDto(String otp) {

    @Override
    public String toString() {
        return "ValidateLoginCodeRequestDto[otp=***]";
    }
}
