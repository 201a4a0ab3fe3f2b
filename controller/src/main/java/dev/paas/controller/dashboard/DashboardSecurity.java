package dev.paas.controller.dashboard;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Two filter chains. The API ({@code /v1}) and the health endpoint pass through untouched: the API's own
 * {@code web.AuthFilter} checks bearer tokens there, with no session and no CSRF token (the cli sends none).
 * Everything else is the dashboard: a session cookie after signing in at {@code /login}, a CSRF token on every
 * form (Thymeleaf adds it to each {@code th:action} form), sign-out by POST.
 */
@Configuration
class DashboardSecurity {

    /**
     * No Micrometer observation around each security filter of each request: nothing reads them (the actuator
     * exposes only health), and with 1,000 node-agents they were a large part of every poll's, answer's and report's
     * cost (issue 16).
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher("/v1/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain dashboard(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        // error pages render for whoever caused them (API clients included)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/assets/**", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
                        // A throttled sign-in is told so: a person retrying the right password must know to wait.
                        .failureHandler((request, response, e) -> response.sendRedirect(
                                e instanceof LockedException ? "/login?throttled" : "/login?error")))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                .build();
    }
}
