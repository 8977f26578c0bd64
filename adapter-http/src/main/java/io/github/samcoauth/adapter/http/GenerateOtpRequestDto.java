package io.github.samcoauth.adapter.http;

/** Body of {@code POST /otp/generateOtp}. */
record GenerateOtpRequestDto(String uid) {}
