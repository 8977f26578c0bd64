package io.github.samcoauth.adapter.http;

import io.github.samcoauth.domain.Otp;
import io.github.samcoauth.domain.Uid;
import javax.annotation.processing.Generated;

@Generated(
    value = "org.mapstruct.ap.MappingProcessor",
    date = "2026-11-23T02:57:59+0000",
    comments = "version: 1.6.3, compiler: javac, environment: Java 17.0.15 (Debian)"
)
class SamcoDtoMapperImpl implements SamcoDtoMapper {

    @Override
    public GenerateOtpRequestDto toRequest(Uid uid) {
        if ( uid == null ) {
            return null;
        }

        String uid1 = null;

        uid1 = uid.value();

        GenerateOtpRequestDto generateOtpRequestDto = new GenerateOtpRequestDto( uid1 );

        return generateOtpRequestDto;
    }

    @Override
    public ValidateLoginCodeRequestDto toRequest(Otp code) {
        if ( code == null ) {
            return null;
        }

        String otp = null;

        otp = code.value();

        ValidateLoginCodeRequestDto validateLoginCodeRequestDto = new ValidateLoginCodeRequestDto( otp );

        return validateLoginCodeRequestDto;
    }
}
