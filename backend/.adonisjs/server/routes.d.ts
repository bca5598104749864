import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.identity.sms': { paramsTuple?: []; params?: {} }
    'api.identity.bind': { paramsTuple?: []; params?: {} }
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.session.captcha': { paramsTuple?: []; params?: {} }
    'api.session.sms': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.session.destroy_all': { paramsTuple?: []; params?: {} }
    'api.account.update': { paramsTuple?: []; params?: {} }
    'api.account.phone_code': { paramsTuple?: []; params?: {} }
    'api.account.unbind_wechat': { paramsTuple?: []; params?: {} }
    'api.account.deregister': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
    'api.users.store': { paramsTuple?: []; params?: {} }
    'api.users.update_features': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.todos.index': { paramsTuple?: []; params?: {} }
    'api.todos.counts': { paramsTuple?: []; params?: {} }
    'api.todos.export': { paramsTuple?: []; params?: {} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_stats.index': { paramsTuple?: []; params?: {} }
    'api.credit_stats.export': { paramsTuple?: []; params?: {} }
    'api.credit_trend.index': { paramsTuple?: []; params?: {} }
    'api.credit_trend.export': { paramsTuple?: []; params?: {} }
    'api.credit_records.index': { paramsTuple?: []; params?: {} }
    'api.credit_records.export': { paramsTuple?: []; params?: {} }
    'api.credit_subjects.index': { paramsTuple?: []; params?: {} }
    'api.credit_subjects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_records.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_records.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_records.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.credit_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.decisions_stats.index': { paramsTuple?: []; params?: {} }
    'api.decisions_stats.export': { paramsTuple?: []; params?: {} }
    'api.decision_topics.index': { paramsTuple?: []; params?: {} }
    'api.decision_topics.export': { paramsTuple?: []; params?: {} }
    'api.decision_turnout.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.decision_turnout.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.staff_stats.index': { paramsTuple?: []; params?: {} }
    'api.staff_stats.export': { paramsTuple?: []; params?: {} }
    'api.staff_records.index': { paramsTuple?: []; params?: {} }
    'api.staff_records.export': { paramsTuple?: []; params?: {} }
    'api.staff_estates.index': { paramsTuple?: []; params?: {} }
    'api.staff_estates.export': { paramsTuple?: []; params?: {} }
    'api.staff.remind': { paramsTuple?: []; params?: {} }
    'api.estate_staff.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.parking_stats.index': { paramsTuple?: []; params?: {} }
    'api.parking_stats.export': { paramsTuple?: []; params?: {} }
    'api.parking_spaces.index': { paramsTuple?: []; params?: {} }
    'api.parking_spaces.export': { paramsTuple?: []; params?: {} }
    'api.parking_estates.index': { paramsTuple?: []; params?: {} }
    'api.parking_estates.export': { paramsTuple?: []; params?: {} }
    'api.parking.remind': { paramsTuple?: []; params?: {} }
    'api.estate_parking.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_statistics.index': { paramsTuple?: []; params?: {} }
    'api.training_statistics.export': { paramsTuple?: []; params?: {} }
    'api.training_records.index': { paramsTuple?: []; params?: {} }
    'api.training_records.export': { paramsTuple?: []; params?: {} }
    'api.training_courses.index': { paramsTuple?: []; params?: {} }
    'api.training_courses.export': { paramsTuple?: []; params?: {} }
    'api.training_media.upload': { paramsTuple?: []; params?: {} }
    'api.training_courses.store': { paramsTuple?: []; params?: {} }
    'api.training_courses.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_courses.media': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_learning.index': { paramsTuple?: []; params?: {} }
    'api.training_progress.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.safety_stats.index': { paramsTuple?: []; params?: {} }
    'api.safety_stats.export': { paramsTuple?: []; params?: {} }
    'api.safety_assessments.index': { paramsTuple?: []; params?: {} }
    'api.safety_assessments.export': { paramsTuple?: []; params?: {} }
    'api.safety_assessments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.safety_items.index': { paramsTuple?: []; params?: {} }
    'api.safety_items.store': { paramsTuple?: []; params?: {} }
    'api.safety_items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluations.periods': { paramsTuple?: []; params?: {} }
    'api.evaluation_stats.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_stats.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluations.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.index': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.export': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.store': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.weather_estates.index': { paramsTuple?: []; params?: {} }
    'api.weather_estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_stats.index': { paramsTuple?: []; params?: {} }
    'api.inspection_stats.export': { paramsTuple?: []; params?: {} }
    'api.inspection_companies.index': { paramsTuple?: []; params?: {} }
    'api.inspection_companies.export': { paramsTuple?: []; params?: {} }
    'api.inspection_targets.index': { paramsTuple?: []; params?: {} }
    'api.inspection_targets.export': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.index': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.export': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.store': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_tasks.remind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.my_inspections.index': { paramsTuple?: []; params?: {} }
    'api.inspection_target.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_target.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_target.rectify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_photos.upload': { paramsTuple?: []; params?: {} }
    'api.inspection_photos.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosure_templates.index': { paramsTuple?: []; params?: {} }
    'api.disclosure_templates.store': { paramsTuple?: []; params?: {} }
    'api.disclosure_templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.index': { paramsTuple?: []; params?: {} }
    'api.disclosures.export': { paramsTuple?: []; params?: {} }
    'api.disclosure_stats.index': { paramsTuple?: []; params?: {} }
    'api.disclosure_stats.export': { paramsTuple?: []; params?: {} }
    'api.disclosures.estates': { paramsTuple?: []; params?: {} }
    'api.disclosures.preview': { paramsTuple?: []; params?: {} }
    'api.disclosures.store': { paramsTuple?: []; params?: {} }
    'api.disclosures.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.void': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosure_board.index': { paramsTuple?: []; params?: {} }
    'api.disclosure_board.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.index': { paramsTuple?: []; params?: {} }
    'api.voting_meetings.export': { paramsTuple?: []; params?: {} }
    'api.voting_meetings.store': { paramsTuple?: []; params?: {} }
    'api.voting_meetings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_scans.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.houses': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.proxy_estates': { paramsTuple?: []; params?: {} }
    'api.owner_ballots.index': { paramsTuple?: []; params?: {} }
    'api.owner_ballots.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.common_fund_stats.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_stats.export': { paramsTuple?: []; params?: {} }
    'api.common_fund_estates.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_estates.export': { paramsTuple?: []; params?: {} }
    'api.common_fund_transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.common_fund_transactions.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.common_fund_banks.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_enforcements.store': { paramsTuple?: []; params?: {} }
    'api.common_fund_banks.export': { paramsTuple?: []; params?: {} }
    'api.notices.index': { paramsTuple?: []; params?: {} }
    'api.notices.export': { paramsTuple?: []; params?: {} }
    'api.notices.estates': { paramsTuple?: []; params?: {} }
    'api.notices.store': { paramsTuple?: []; params?: {} }
    'api.notice_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipients.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notices.urge': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.received_notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_statistics.index': { paramsTuple?: []; params?: {} }
    'api.notice_statistics.export': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.index': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.export': { paramsTuple?: []; params?: {} }
    'api.notice_stats.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.area_estates.index': { paramsTuple?: []; params?: {} }
    'api.area_estates.export': { paramsTuple?: []; params?: {} }
    'api.area_map.index': { paramsTuple?: []; params?: {} }
    'api.equipment.index': { paramsTuple?: []; params?: {} }
    'api.equipment.export': { paramsTuple?: []; params?: {} }
    'api.equipment.store': { paramsTuple?: []; params?: {} }
    'api.equipment.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment_imports.template': { paramsTuple?: []; params?: {} }
    'api.equipment_imports.store': { paramsTuple?: []; params?: {} }
    'api.equipment_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment_imports.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders.index': { paramsTuple?: []; params?: {} }
    'api.tenders.export': { paramsTuple?: []; params?: {} }
    'api.tender_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.tenders.store': { paramsTuple?: []; params?: {} }
    'api.tenders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.tender_receipts.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders.resubmit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders.first_review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders_stats.index': { paramsTuple?: []; params?: {} }
    'api.tenders_stats.export': { paramsTuple?: []; params?: {} }
    'api.tenders.final_review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_progress.index': { paramsTuple?: []; params?: {} }
    'api.tender_progress.export': { paramsTuple?: []; params?: {} }
    'api.tender_progress.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_clarifications.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_clarification_files.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.bidding_events.store': { paramsTuple?: []; params?: {} }
    'api.dispute_stats.index': { paramsTuple?: []; params?: {} }
    'api.dispute_stats.export': { paramsTuple?: []; params?: {} }
    'api.disputes.index': { paramsTuple?: []; params?: {} }
    'api.disputes.export': { paramsTuple?: []; params?: {} }
    'api.disputes.estates': { paramsTuple?: []; params?: {} }
    'api.dispute_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.disputes.store': { paramsTuple?: []; params?: {} }
    'api.disputes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.handle': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.apply_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.confirm_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.dispute_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.proxy_governances.index': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.export': { paramsTuple?: []; params?: {} }
    'api.proxy_governance_stats.index': { paramsTuple?: []; params?: {} }
    'api.proxy_governance_stats.export': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.estates': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.store': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.proxy_governances.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.proxy_governances.appoint': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.proxy_governances.terminate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.party_building_stats.index': { paramsTuple?: []; params?: {} }
    'api.party_building_stats.export': { paramsTuple?: []; params?: {} }
    'api.committee_members.index': { paramsTuple?: []; params?: {} }
    'api.committee_members.export': { paramsTuple?: []; params?: {} }
    'api.opinion_collections.index': { paramsTuple?: []; params?: {} }
    'api.opinion_collections.stats': { paramsTuple?: []; params?: {} }
    'api.opinion_collections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.risk_stats.index': { paramsTuple?: []; params?: {} }
    'api.risk_stats.export': { paramsTuple?: []; params?: {} }
    'api.risk_estates.index': { paramsTuple?: []; params?: {} }
    'api.risk_estates.export': { paramsTuple?: []; params?: {} }
    'api.risk_settings.show': { paramsTuple?: []; params?: {} }
    'api.risk_settings.update': { paramsTuple?: []; params?: {} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.messages.unread_count': { paramsTuple?: []; params?: {} }
    'api.messages.export': { paramsTuple?: []; params?: {} }
    'api.messages.read_all': { paramsTuple?: []; params?: {} }
    'api.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.tables': { paramsTuple?: []; params?: {} }
    'api.exports.index': { paramsTuple?: []; params?: {} }
    'api.exports.export': { paramsTuple?: []; params?: {} }
    'api.exports.store': { paramsTuple?: []; params?: {} }
    'api.exports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.export_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.export_subscriptions.store': { paramsTuple?: []; params?: {} }
    'api.export_subscriptions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.calendar.years': { paramsTuple?: []; params?: {} }
    'api.calendar.years_update': { paramsTuple: [ParamValue]; params: {'year': ParamValue} }
    'api.calendar.days': { paramsTuple?: []; params?: {} }
    'api.calendar.days.export': { paramsTuple?: []; params?: {} }
    'api.calendar.days_upsert': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
    'api.calendar.days_destroy': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
  }
  GET: {
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.session.captcha': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
    'api.todos.index': { paramsTuple?: []; params?: {} }
    'api.todos.counts': { paramsTuple?: []; params?: {} }
    'api.todos.export': { paramsTuple?: []; params?: {} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.credit_stats.index': { paramsTuple?: []; params?: {} }
    'api.credit_stats.export': { paramsTuple?: []; params?: {} }
    'api.credit_trend.index': { paramsTuple?: []; params?: {} }
    'api.credit_trend.export': { paramsTuple?: []; params?: {} }
    'api.credit_records.index': { paramsTuple?: []; params?: {} }
    'api.credit_records.export': { paramsTuple?: []; params?: {} }
    'api.credit_subjects.index': { paramsTuple?: []; params?: {} }
    'api.credit_subjects.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.decisions_stats.index': { paramsTuple?: []; params?: {} }
    'api.decisions_stats.export': { paramsTuple?: []; params?: {} }
    'api.decision_topics.index': { paramsTuple?: []; params?: {} }
    'api.decision_topics.export': { paramsTuple?: []; params?: {} }
    'api.decision_turnout.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.decision_turnout.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.staff_stats.index': { paramsTuple?: []; params?: {} }
    'api.staff_stats.export': { paramsTuple?: []; params?: {} }
    'api.staff_records.index': { paramsTuple?: []; params?: {} }
    'api.staff_records.export': { paramsTuple?: []; params?: {} }
    'api.staff_estates.index': { paramsTuple?: []; params?: {} }
    'api.staff_estates.export': { paramsTuple?: []; params?: {} }
    'api.estate_staff.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.parking_stats.index': { paramsTuple?: []; params?: {} }
    'api.parking_stats.export': { paramsTuple?: []; params?: {} }
    'api.parking_spaces.index': { paramsTuple?: []; params?: {} }
    'api.parking_spaces.export': { paramsTuple?: []; params?: {} }
    'api.parking_estates.index': { paramsTuple?: []; params?: {} }
    'api.parking_estates.export': { paramsTuple?: []; params?: {} }
    'api.estate_parking.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_statistics.index': { paramsTuple?: []; params?: {} }
    'api.training_statistics.export': { paramsTuple?: []; params?: {} }
    'api.training_records.index': { paramsTuple?: []; params?: {} }
    'api.training_records.export': { paramsTuple?: []; params?: {} }
    'api.training_courses.index': { paramsTuple?: []; params?: {} }
    'api.training_courses.export': { paramsTuple?: []; params?: {} }
    'api.training_courses.media': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_learning.index': { paramsTuple?: []; params?: {} }
    'api.safety_stats.index': { paramsTuple?: []; params?: {} }
    'api.safety_stats.export': { paramsTuple?: []; params?: {} }
    'api.safety_assessments.index': { paramsTuple?: []; params?: {} }
    'api.safety_assessments.export': { paramsTuple?: []; params?: {} }
    'api.safety_items.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.periods': { paramsTuple?: []; params?: {} }
    'api.evaluation_stats.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_stats.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.export': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.index': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.export': { paramsTuple?: []; params?: {} }
    'api.weather_estates.index': { paramsTuple?: []; params?: {} }
    'api.weather_estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_stats.index': { paramsTuple?: []; params?: {} }
    'api.inspection_stats.export': { paramsTuple?: []; params?: {} }
    'api.inspection_companies.index': { paramsTuple?: []; params?: {} }
    'api.inspection_companies.export': { paramsTuple?: []; params?: {} }
    'api.inspection_targets.index': { paramsTuple?: []; params?: {} }
    'api.inspection_targets.export': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.index': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.export': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.my_inspections.index': { paramsTuple?: []; params?: {} }
    'api.inspection_target.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_photos.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosure_templates.index': { paramsTuple?: []; params?: {} }
    'api.disclosures.index': { paramsTuple?: []; params?: {} }
    'api.disclosures.export': { paramsTuple?: []; params?: {} }
    'api.disclosure_stats.index': { paramsTuple?: []; params?: {} }
    'api.disclosure_stats.export': { paramsTuple?: []; params?: {} }
    'api.disclosures.estates': { paramsTuple?: []; params?: {} }
    'api.disclosures.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosure_board.index': { paramsTuple?: []; params?: {} }
    'api.disclosure_board.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.index': { paramsTuple?: []; params?: {} }
    'api.voting_meetings.export': { paramsTuple?: []; params?: {} }
    'api.voting_meetings.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.houses': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.proxy_estates': { paramsTuple?: []; params?: {} }
    'api.owner_ballots.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_stats.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_stats.export': { paramsTuple?: []; params?: {} }
    'api.common_fund_estates.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_estates.export': { paramsTuple?: []; params?: {} }
    'api.common_fund_transactions.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.common_fund_transactions.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.common_fund_banks.index': { paramsTuple?: []; params?: {} }
    'api.common_fund_banks.export': { paramsTuple?: []; params?: {} }
    'api.notices.index': { paramsTuple?: []; params?: {} }
    'api.notices.export': { paramsTuple?: []; params?: {} }
    'api.notices.estates': { paramsTuple?: []; params?: {} }
    'api.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipients.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.received_notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_statistics.index': { paramsTuple?: []; params?: {} }
    'api.notice_statistics.export': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.index': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.export': { paramsTuple?: []; params?: {} }
    'api.notice_stats.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.area_estates.index': { paramsTuple?: []; params?: {} }
    'api.area_estates.export': { paramsTuple?: []; params?: {} }
    'api.area_map.index': { paramsTuple?: []; params?: {} }
    'api.equipment.index': { paramsTuple?: []; params?: {} }
    'api.equipment.export': { paramsTuple?: []; params?: {} }
    'api.equipment_imports.template': { paramsTuple?: []; params?: {} }
    'api.equipment_imports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment_imports.report': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders.index': { paramsTuple?: []; params?: {} }
    'api.tenders.export': { paramsTuple?: []; params?: {} }
    'api.tenders.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.tender_receipts.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders_stats.index': { paramsTuple?: []; params?: {} }
    'api.tenders_stats.export': { paramsTuple?: []; params?: {} }
    'api.tender_progress.index': { paramsTuple?: []; params?: {} }
    'api.tender_progress.export': { paramsTuple?: []; params?: {} }
    'api.tender_progress.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_clarification_files.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.dispute_stats.index': { paramsTuple?: []; params?: {} }
    'api.dispute_stats.export': { paramsTuple?: []; params?: {} }
    'api.disputes.index': { paramsTuple?: []; params?: {} }
    'api.disputes.export': { paramsTuple?: []; params?: {} }
    'api.disputes.estates': { paramsTuple?: []; params?: {} }
    'api.disputes.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.dispute_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.proxy_governances.index': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.export': { paramsTuple?: []; params?: {} }
    'api.proxy_governance_stats.index': { paramsTuple?: []; params?: {} }
    'api.proxy_governance_stats.export': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.estates': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.party_building_stats.index': { paramsTuple?: []; params?: {} }
    'api.party_building_stats.export': { paramsTuple?: []; params?: {} }
    'api.committee_members.index': { paramsTuple?: []; params?: {} }
    'api.committee_members.export': { paramsTuple?: []; params?: {} }
    'api.opinion_collections.index': { paramsTuple?: []; params?: {} }
    'api.opinion_collections.stats': { paramsTuple?: []; params?: {} }
    'api.opinion_collections.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.risk_stats.index': { paramsTuple?: []; params?: {} }
    'api.risk_stats.export': { paramsTuple?: []; params?: {} }
    'api.risk_estates.index': { paramsTuple?: []; params?: {} }
    'api.risk_estates.export': { paramsTuple?: []; params?: {} }
    'api.risk_settings.show': { paramsTuple?: []; params?: {} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.messages.unread_count': { paramsTuple?: []; params?: {} }
    'api.messages.export': { paramsTuple?: []; params?: {} }
    'api.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.tables': { paramsTuple?: []; params?: {} }
    'api.exports.index': { paramsTuple?: []; params?: {} }
    'api.exports.export': { paramsTuple?: []; params?: {} }
    'api.exports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.export_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.calendar.years': { paramsTuple?: []; params?: {} }
    'api.calendar.days': { paramsTuple?: []; params?: {} }
    'api.calendar.days.export': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'api.identity.sms': { paramsTuple?: []; params?: {} }
    'api.identity.bind': { paramsTuple?: []; params?: {} }
    'api.session.sms': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.account.phone_code': { paramsTuple?: []; params?: {} }
    'api.account.unbind_wechat': { paramsTuple?: []; params?: {} }
    'api.account.deregister': { paramsTuple?: []; params?: {} }
    'api.users.store': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
    'api.credit_records.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.staff.remind': { paramsTuple?: []; params?: {} }
    'api.estate_staff.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.confirm': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.parking.remind': { paramsTuple?: []; params?: {} }
    'api.estate_parking.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_media.upload': { paramsTuple?: []; params?: {} }
    'api.training_courses.store': { paramsTuple?: []; params?: {} }
    'api.training_progress.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.safety_items.store': { paramsTuple?: []; params?: {} }
    'api.evaluations.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluations.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.store': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_tasks.store': { paramsTuple?: []; params?: {} }
    'api.inspection_tasks.remind': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_target.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_target.rectify': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.inspection_photos.upload': { paramsTuple?: []; params?: {} }
    'api.disclosure_templates.store': { paramsTuple?: []; params?: {} }
    'api.disclosures.preview': { paramsTuple?: []; params?: {} }
    'api.disclosures.store': { paramsTuple?: []; params?: {} }
    'api.disclosures.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.void': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.store': { paramsTuple?: []; params?: {} }
    'api.voting_meetings.publish': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_meetings.close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_scans.upload': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.voting_paper_ballots.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.owner_ballots.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.common_fund_enforcements.store': { paramsTuple?: []; params?: {} }
    'api.notices.store': { paramsTuple?: []; params?: {} }
    'api.notice_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.notices.urge': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment.store': { paramsTuple?: []; params?: {} }
    'api.equipment_imports.store': { paramsTuple?: []; params?: {} }
    'api.tender_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.tenders.store': { paramsTuple?: []; params?: {} }
    'api.tenders.resubmit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders.first_review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tenders.final_review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.tender_clarifications.store': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.bidding_events.store': { paramsTuple?: []; params?: {} }
    'api.dispute_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.disputes.store': { paramsTuple?: []; params?: {} }
    'api.disputes.transfer': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.handle': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.apply_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.confirm_close': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disputes.return': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.proxy_governances.store': { paramsTuple?: []; params?: {} }
    'api.proxy_governances.decline': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.proxy_governances.appoint': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.proxy_governances.terminate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.read_all': { paramsTuple?: []; params?: {} }
    'api.exports.store': { paramsTuple?: []; params?: {} }
    'api.export_subscriptions.store': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.session.destroy_all': { paramsTuple?: []; params?: {} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_records.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.export_subscriptions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.calendar.days_destroy': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
  }
  PUT: {
    'api.account.update': { paramsTuple?: []; params?: {} }
    'api.users.update_features': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.credit_records.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosure_templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.disclosures.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.risk_settings.update': { paramsTuple?: []; params?: {} }
    'api.calendar.years_update': { paramsTuple: [ParamValue]; params: {'year': ParamValue} }
    'api.calendar.days_upsert': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
  }
  PATCH: {
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_staff.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.estate_parking.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.training_courses.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.safety_assessments.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.safety_items.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.equipment.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}