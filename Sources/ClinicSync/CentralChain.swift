import Foundation
import PostgresNIO

/// Each truck's audit log at head office continues the chain head office already accepted:
/// a new audit row must follow the truck's previous row, held here, by id and hash. A row
/// that does not (one removed, renumbered or rechained on the truck) stops the whole batch;
/// the program then tells head office in a second statement, which a truck role may do
/// only for its own site. A changed program that does not report it still cannot push.
enum CentralChain {
    /// The SQLSTATE the chain check raises.
    static let brokenState = "CL001"

    /// Schema version 5.
    static let migration: [String] = [
        """
        CREATE FUNCTION clinic_audit_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
          id bigint := (NEW.payload->>'id')::bigint;
          previous text;
        BEGIN
          IF NEW.payload IS NULL OR id IS NULL OR id <= 1
             OR EXISTS (SELECT 1 FROM record WHERE kind = NEW.kind AND key = NEW.key) THEN
            RETURN NEW;  -- the first row, or a row already here: the witness judges changes
          END IF;
          SELECT payload->>'hash' INTO previous FROM record WHERE kind = 'auditEntry' AND key = NEW.site || ':' || (id - 1);
          IF previous IS DISTINCT FROM NEW.payload->>'prevHash' THEN
            RAISE EXCEPTION 'audit row % does not continue the chain head office holds', NEW.key
              USING ERRCODE = '\(brokenState)', DETAIL = NEW.key;
          END IF;
          RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER record_audit_chain BEFORE INSERT ON record FOR EACH ROW WHEN (NEW.kind = 'auditEntry')
          EXECUTE FUNCTION clinic_audit_chain()
        """,
        // The report of a refused push: a tamper alert for the caller's own site (any site for head office's own role).
        """
        CREATE FUNCTION clinic_report_chain_break(site text, key text) RETURNS void LANGUAGE sql SECURITY DEFINER
          SET search_path = public AS $$
          INSERT INTO tamper_alert (kind, key, site, kept_payload, pushed_payload, pushed_deleted)
          SELECT 'auditChain', key, coalesce((SELECT s.site FROM site_role s WHERE s.role = session_user), site), NULL, NULL, false
        $$
        """,
        "REVOKE ALL ON FUNCTION clinic_report_chain_break(text, text) FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION clinic_report_chain_break(text, text) TO \(CentralRoles.group)",
    ]

    /// The key of the audit row that broke the chain, when `error` is that refusal.
    static func brokenKey(_ error: Error) -> String? {
        guard let psql = CentralDatabase.serverError(error), psql.serverInfo?[.sqlState] == brokenState else { return nil }
        return psql.serverInfo?[.detail]
    }
}

extension CentralDatabase {
    /// Records at head office that this truck's push was refused at audit row `key`.
    func reportChainBreak(site: String, key: String) async throws {
        try await connection.query("SELECT clinic_report_chain_break(\(site), \(key))", logger: logger)
    }
}
