// SPDX-License-Identifier: MIT
#include "id/emul/persona_card.hpp"

#include "id/card_access.hpp"
#include "id/emul/card_files.hpp"
#include "id/emul/test_pki.hpp"
#include "id/persona.hpp"

namespace kiosk::id {

Result<EmrtdCardConfig> persona_card_config(Persona const& persona, TestPki const& pki, PersonaCardOptions const& options)
{
    auto files = KIOSK_TRY(build_card_files(persona, pki));
    EmrtdCardConfig config;
    config.can = files.can;
    config.document_number = files.document_number;
    config.birth_yymmdd = files.birth_yymmdd;
    config.expiry_yymmdd = files.expiry_yymmdd;
    config.files[fid::EF_COM] = files.ef_com;
    config.files[fid::DG1] = files.dg1;
    config.files[fid::DG2] = files.dg2;
    config.files[fid::DG13] = files.dg13;
    config.files[fid::EF_SOD] = files.sod;
    if (options.pace) {
        PaceInfo info;
        info.oid = pace_ecdh_gm_oid(crypto::Cipher::aes128);
        info.cipher = crypto::Cipher::aes128;
        info.version = 2;
        info.parameter_id = static_cast<std::uint64_t>(crypto::Curve::brainpool_p256r1);
        info.supported = true;
        config.pace.push_back(info);
    }
    config.bac = options.bac;
    config.extended_length = options.extended_length;
    config.lifted_for = options.lifted_for;
    if (persona.fault == CardFault::lifted)
        config.lift_at_byte = PERSONA_LIFT_AT_BYTE;
    config.garbage = persona.fault == CardFault::garbage;
    return config;
}

Result<std::unique_ptr<EmrtdCardEmul>> make_persona_card(
    Persona const& persona, TestPki const& pki, PersonaCardOptions const& options)
{
    auto config = KIOSK_TRY(persona_card_config(persona, pki, options));
    return EmrtdCardEmul::create(std::move(config));
}

Result<std::unique_ptr<EmrtdCardEmul>> make_persona_card(std::string_view name, PersonaCardOptions const& options)
{
    Persona const* persona = find_persona(name);
    if (persona == nullptr)
        return fail(Errc::not_found, "no persona of that name");
    auto const pki = KIOSK_TRY(TestPki::create());
    return make_persona_card(*persona, pki, options);
}

Result<std::unique_ptr<EmrtdCardEmul>> make_persona_card_from_spec(std::string_view spec)
{
    auto const comma = spec.find(',');
    std::string_view const name = spec.substr(0, comma);
    std::string_view rest = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    PersonaCardOptions options;
    while (!rest.empty()) {
        auto const next = rest.find(',');
        std::string_view const option = rest.substr(0, next);
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
        if (option == "pace=0")
            options.pace = false;
        else if (option == "bac=0")
            options.bac = false;
        else if (option == "ext=0")
            options.extended_length = false;
        else if (option != "pace=1" && option != "bac=1" && option != "ext=1")
            return fail(Errc::invalid_argument, "persona card option is pace=0|1, bac=0|1 or ext=0|1");
    }
    return make_persona_card(name, options);
}

} // namespace kiosk::id
