package dev.paas.controller.formation;

import java.util.List;

import dev.paas.api.CreateFormationRequest;
import dev.paas.api.FormationView;
import dev.paas.api.JoinTokenInfo;
import dev.paas.api.JoinTokenRequest;
import dev.paas.api.JoinTokenView;
import dev.paas.controller.web.ApiException;
import dev.paas.controller.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Listing and creating formations, and making, listing and revoking their join tokens (admins). A formation is only
 * a name; nodes join it when they register, with a join token that names it and their layer.
 */
@RestController
class FormationController {

    private final JdbcTemplate jdbc;
    private final JoinTokens joinTokens;

    FormationController(JdbcTemplate jdbc, JoinTokens joinTokens) {
        this.jdbc = jdbc;
        this.joinTokens = joinTokens;
    }

    @GetMapping("/v1/formations")
    List<FormationView> list(HttpServletRequest request) {
        admin(request);
        return jdbc.query("""
                SELECT f.name,
                       (SELECT count(*) FROM nodes n WHERE n.formation_id = f.id AND n.layer = 'runtime'),
                       (SELECT count(*) FROM nodes n WHERE n.formation_id = f.id AND n.layer = 'proxy'),
                       (SELECT count(*) FROM apps a WHERE a.formation_id = f.id)
                FROM formations f ORDER BY f.name""",
                (rs, i) -> new FormationView(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)));
    }

    @PostMapping("/v1/formations")
    @ResponseStatus(HttpStatus.CREATED)
    FormationView create(@RequestBody CreateFormationRequest body, HttpServletRequest request) {
        admin(request);
        String name = body.name();
        if (name == null || !name.matches("[a-z][a-z0-9-]{1,29}")) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Formation name '" + name
                    + "' is invalid: use lowercase letters, digits and dashes, 2 to 30 characters, starting with a letter.");
        }
        try {
            jdbc.update("INSERT INTO formations (name) VALUES (?)", name);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("Formation " + name + " already exists.");
        }
        return new FormationView(name, 0, 0, 0);
    }

    /** A join token for node-agents (layer runtime) or routers (layer proxy) of the formation. */
    @PostMapping("/v1/formations/{formation}/join-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    JoinTokenView joinToken(@PathVariable String formation, @RequestBody JoinTokenRequest body,
                            HttpServletRequest request) {
        admin(request);
        String layer = body.layer() == null ? "runtime" : body.layer();
        String token = joinTokens.create(formation, layer, CurrentUser.of(request).getUsername());
        return new JoinTokenView(formation, layer, token);
    }

    /** The join tokens not revoked, of one formation or all; never the secrets. */
    @GetMapping("/v1/join-tokens")
    List<JoinTokenInfo> joinTokens(@RequestParam(required = false) String formation, HttpServletRequest request) {
        admin(request);
        return joinTokens.list(formation);
    }

    @DeleteMapping("/v1/join-tokens/{id}")
    JoinTokenInfo revoke(@PathVariable long id, HttpServletRequest request) {
        admin(request);
        return joinTokens.revoke(id, CurrentUser.of(request).getUsername());
    }

    private static void admin(HttpServletRequest request) {
        if (!CurrentUser.of(request).isAdmin()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Only admins manage formations.");
        }
    }
}
