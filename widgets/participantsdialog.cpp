#include "participantsdialog.h"

#include "annotation/consent.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <QComboBox>
#include <QDate>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ts::widgets {

namespace ann = core::annotation;

namespace {

std::vector<std::string> splitScope(const QString& text) {
    std::vector<std::string> out;
    for (const QString& s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!s.trimmed().isEmpty())
            out.push_back(s.trimmed().toStdString());
    return out;
}

QString joinScope(const std::vector<std::string>& scope) {
    QStringList l;
    for (const auto& s : scope)
        l << QString::fromStdString(s);
    return l.join(QStringLiteral(", "));
}

QTableWidgetItem* cell(const QString& text) {
    auto* i = new QTableWidgetItem(text);
    i->setFlags(i->flags() & ~Qt::ItemIsEditable);
    return i;
}

} // namespace

ParticipantsDialog::ParticipantsDialog(const QString& projectFile, const QString& user,
                                       QWidget* parent)
    : QDialog(parent), user_(user) {
    store_ =
        std::make_unique<core::ProjectStore>(core::ProjectStore::open(projectFile.toStdString()));
    setWindowTitle(tr("Participants and Consent"));
    setObjectName(QStringLiteral("participantsDialog"));
    confirm_ = [this](const QString& q) {
        return QMessageBox::question(this, tr("Withdraw participant"), q) == QMessageBox::Yes;
    };

    auto* tabs = new QTabWidget;

    // Participants: the table, the selected one's consent records, and the steps on the right.
    auto* people = new QWidget;
    participants_ = new QTableWidget(0, 4);
    participants_->setObjectName(QStringLiteral("participants"));
    participants_->setHorizontalHeaderLabels(
        {tr("Participant"), tr("Episodes"), tr("Consent"), tr("Status")});
    participants_->setSelectionBehavior(QAbstractItemView::SelectRows);
    participants_->setSelectionMode(QAbstractItemView::SingleSelection);
    participants_->verticalHeader()->hide();
    participants_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    participants_->horizontalHeader()->setStretchLastSection(true);
    participants_->setSortingEnabled(false);
    consents_ = new QTreeWidget;
    consents_->setObjectName(QStringLiteral("consents"));
    consents_->setHeaderLabels({tr("Consent"), tr("Form"), tr("Terms"), tr("Scope"),
                                tr("Compensation"), tr("Signed"), tr("Withdrawn")});
    consents_->setRootIsDecorated(false);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(participants_);
    split->addWidget(consents_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* add = new QGroupBox(tr("New participant"));
    pseudonym_ = new QLineEdit;
    pseudonym_->setPlaceholderText(tr("pseudonymous id, e.g. P-014"));
    notes_ = new QLineEdit;
    notes_->setPlaceholderText(tr("optional, no names"));
    auto* addButton = new QPushButton(tr("Add Participant"));
    connect(addButton, &QPushButton::clicked, this, &ParticipantsDialog::addParticipant);
    auto* addForm = new QFormLayout(add);
    addForm->addRow(tr("Id:"), pseudonym_);
    addForm->addRow(tr("Notes:"), notes_);
    addForm->addRow(addButton);

    auto* consent = new QGroupBox(tr("Record consent for the selected participant"));
    consentRef_ = new QLineEdit;
    consentRef_->setPlaceholderText(tr("the signed form's reference"));
    consentForm_ = new QComboBox;
    consentForm_->setEditable(true);
    consentTerms_ = new QLineEdit;
    consentScope_ = new QLineEdit;
    consentScope_->setPlaceholderText(tr("research, commercial, publication"));
    compensation_ = new QLineEdit;
    signed_ = new QDateEdit(QDate::currentDate());
    signed_->setCalendarPopup(true);
    signed_->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    record_ = new QPushButton(tr("Record Consent"));
    connect(record_, &QPushButton::clicked, this, &ParticipantsDialog::recordConsent);
    // A registered form fills in its terms and scope.
    connect(consentForm_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 0 || consentForm_->itemData(i).isNull())
            return;
        const QStringList d = consentForm_->itemData(i).toStringList();
        if (d.size() == 2) {
            consentTerms_->setText(d[0]);
            consentScope_->setText(d[1]);
        }
    });
    auto* consentForm = new QFormLayout(consent);
    consentForm->addRow(tr("Reference:"), consentRef_);
    consentForm->addRow(tr("Form version:"), consentForm_);
    consentForm->addRow(tr("Terms:"), consentTerms_);
    consentForm->addRow(tr("Scope:"), consentScope_);
    consentForm->addRow(tr("Compensation:"), compensation_);
    consentForm->addRow(tr("Signed:"), signed_);
    consentForm->addRow(record_);

    withdraw_ = new QPushButton(tr("Withdraw Participant…"));
    withdraw_->setObjectName(QStringLiteral("withdraw"));
    withdraw_->setToolTip(tr("Their episodes leave review approval, QC's ready state and every "
                             "export. A withdrawal is not taken back."));
    connect(withdraw_, &QPushButton::clicked, this, &ParticipantsDialog::withdrawSelected);

    auto* side = new QVBoxLayout;
    side->addWidget(add);
    side->addWidget(consent);
    side->addWidget(withdraw_);
    side->addStretch(1);
    auto* peopleLayout = new QHBoxLayout(people);
    peopleLayout->addWidget(split, 3);
    peopleLayout->addLayout(side, 2);
    tabs->addTab(people, tr("Participants"));

    // Consent forms.
    auto* formsPage = new QWidget;
    forms_ = new QTableWidget(0, 5);
    forms_->setObjectName(QStringLiteral("forms"));
    forms_->setHorizontalHeaderLabels(
        {tr("Version"), tr("Title"), tr("Scope"), tr("Added by"), tr("Added")});
    forms_->verticalHeader()->hide();
    forms_->setSelectionBehavior(QAbstractItemView::SelectRows);
    forms_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    forms_->horizontalHeader()->setStretchLastSection(true);
    auto* newForm = new QGroupBox(tr("New consent form"));
    formVersion_ = new QLineEdit;
    formVersion_->setPlaceholderText(tr("e.g. 2026-03"));
    formTitle_ = new QLineEdit;
    formTerms_ = new QPlainTextEdit;
    formTerms_->setPlaceholderText(tr("the terms as signed, or a short reference to them"));
    formScope_ = new QLineEdit;
    formScope_->setPlaceholderText(tr("research, commercial, publication"));
    auto* addFormButton = new QPushButton(tr("Add Form"));
    connect(addFormButton, &QPushButton::clicked, this, &ParticipantsDialog::addForm);
    auto* f = new QFormLayout(newForm);
    f->addRow(tr("Version:"), formVersion_);
    f->addRow(tr("Title:"), formTitle_);
    f->addRow(tr("Terms:"), formTerms_);
    f->addRow(tr("Scope:"), formScope_);
    f->addRow(addFormButton);
    auto* formsLayout = new QHBoxLayout(formsPage);
    formsLayout->addWidget(forms_, 3);
    formsLayout->addWidget(newForm, 2);
    tabs->addTab(formsPage, tr("Consent forms"));

    message_ = new QLabel;
    message_->setObjectName(QStringLiteral("message"));
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(message_);
    layout->addWidget(buttons);

    connect(participants_, &QTableWidget::itemSelectionChanged, this,
            &ParticipantsDialog::showConsents);
    reload();
    if (participants_->rowCount() > 0)
        participants_->selectRow(0);
    resize(1000, 600);
}

ParticipantsDialog::~ParticipantsDialog() = default;

QString ParticipantsDialog::selectedParticipant() const {
    const auto rows = participants_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return participants_->item(rows.front().row(), 0)->text();
}

void ParticipantsDialog::selectParticipant(const QString& pseudonym) {
    for (int r = 0; r < participants_->rowCount(); ++r)
        if (participants_->item(r, 0)->text() == pseudonym) {
            participants_->selectRow(r);
            return;
        }
}

void ParticipantsDialog::reload() {
    const QString keep = selectedParticipant();
    std::vector<ann::Participant> people;
    std::vector<ann::ConsentForm> forms;
    try {
        people = ann::participants(*store_);
        forms = ann::consentForms(*store_);
    } catch (const core::Error& e) {
        message_->setText(QString::fromUtf8(e.what()));
        return;
    }
    participants_->setRowCount(0);
    for (const auto& p : people) {
        const int r = participants_->rowCount();
        participants_->insertRow(r);
        participants_->setItem(r, 0, cell(QString::fromStdString(p.pseudonym)));
        participants_->setItem(r, 1, cell(QString::number(p.episodes)));
        QString consent = tr("none");
        if (!p.consents.empty()) {
            const auto& last = p.consents.back();
            consent = tr("form %1, signed %2")
                          .arg(QString::fromStdString(last.formVersion),
                               QString::fromStdString(last.signedAt));
            if (p.consents.size() > 1)
                consent += tr(" (+%n earlier)", nullptr, int(p.consents.size() - 1));
        }
        participants_->setItem(r, 2, cell(consent));
        auto* status =
            cell(p.withdrawnAt ? tr("withdrawn %1").arg(QString::fromStdString(*p.withdrawnAt))
                 : p.consents.empty() ? tr("no consent recorded")
                                      : tr("active"));
        if (p.withdrawnAt || p.consents.empty())
            status->setForeground(QColor(0xd3, 0x2f, 0x2f));
        participants_->setItem(r, 3, status);
        participants_->item(r, 0)->setToolTip(QString::fromStdString(p.notes));
    }
    forms_->setRowCount(0);
    const QString typed = consentForm_->currentText();
    consentForm_->clear();
    for (const auto& f : forms) {
        const int r = forms_->rowCount();
        forms_->insertRow(r);
        forms_->setItem(r, 0, cell(QString::fromStdString(f.version)));
        forms_->setItem(r, 1, cell(QString::fromStdString(f.title)));
        forms_->setItem(r, 2, cell(joinScope(f.scope)));
        forms_->setItem(r, 3, cell(QString::fromStdString(f.createdBy)));
        forms_->setItem(r, 4, cell(QString::fromStdString(f.createdAt)));
        forms_->item(r, 1)->setToolTip(QString::fromStdString(f.terms));
        consentForm_->addItem(QString::fromStdString(f.version),
                              QStringList{QString::fromStdString(f.terms), joinScope(f.scope)});
    }
    // Versions that episodes brought in with their consent records may be used as well.
    for (const auto& p : people)
        for (const auto& c : p.consents)
            if (!c.formVersion.empty() &&
                consentForm_->findText(QString::fromStdString(c.formVersion)) < 0)
                consentForm_->addItem(QString::fromStdString(c.formVersion));
    consentForm_->setCurrentText(typed);
    if (!keep.isEmpty())
        selectParticipant(keep);
    showConsents();
}

void ParticipantsDialog::showConsents() {
    consents_->clear();
    const QString who = selectedParticipant();
    record_->setEnabled(!who.isEmpty());
    withdraw_->setEnabled(!who.isEmpty());
    if (who.isEmpty())
        return;
    std::vector<ann::Participant> people;
    try {
        people = ann::participants(*store_);
    } catch (const core::Error& e) {
        message_->setText(QString::fromUtf8(e.what()));
        return;
    }
    for (const auto& p : people) {
        if (QString::fromStdString(p.pseudonym) != who)
            continue;
        withdraw_->setEnabled(!p.withdrawnAt);
        for (const auto& c : p.consents)
            new QTreeWidgetItem(consents_, {QString::fromStdString(c.id),
                                            QString::fromStdString(c.formVersion),
                                            QString::fromStdString(c.terms), joinScope(c.scope),
                                            QString::fromStdString(c.compensation),
                                            QString::fromStdString(c.signedAt),
                                            QString::fromStdString(c.withdrawnAt.value_or(""))});
    }
}

bool ParticipantsDialog::attempt(const std::function<void()>& step, const QString& done) {
    try {
        step();
    } catch (const core::Error& e) {
        // Core's words: what was refused and why (role, duplicate, unknown form, …).
        message_->setStyleSheet(QStringLiteral("color: #d32f2f;"));
        message_->setText(QString::fromUtf8(e.what()));
        return false;
    }
    message_->setStyleSheet(QString());
    message_->setText(done);
    reload();
    emit changed();
    return true;
}

bool ParticipantsDialog::addParticipant() {
    const QString id = pseudonym_->text().trimmed();
    const bool ok = attempt(
        [&] {
            ann::addParticipant(*store_, user_.toStdString(), id.toStdString(),
                                notes_->text().trimmed().toStdString());
        },
        tr("Participant %1 added.").arg(id));
    if (ok) {
        selectParticipant(id);
        pseudonym_->clear();
        notes_->clear();
    }
    return ok;
}

bool ParticipantsDialog::recordConsent() {
    const QString who = selectedParticipant();
    if (who.isEmpty()) {
        message_->setText(tr("Select a participant first."));
        return false;
    }
    core::ConsentRecord c;
    c.id = consentRef_->text().trimmed().toStdString();
    c.formVersion = consentForm_->currentText().trimmed().toStdString();
    c.terms = consentTerms_->text().trimmed().toStdString();
    c.scope = splitScope(consentScope_->text());
    c.compensation = compensation_->text().trimmed().toStdString();
    c.signedAt = signed_->date().toString(Qt::ISODate).toStdString();
    const bool ok =
        attempt([&] { ann::addConsent(*store_, user_.toStdString(), who.toStdString(), c); },
                tr("Consent %1 recorded for %2.").arg(QString::fromStdString(c.id), who));
    if (ok)
        consentRef_->clear();
    return ok;
}

bool ParticipantsDialog::withdrawSelected() {
    const QString who = selectedParticipant();
    if (who.isEmpty())
        return false;
    qint64 episodes = 0;
    for (int r = 0; r < participants_->rowCount(); ++r)
        if (participants_->item(r, 0)->text() == who)
            episodes = participants_->item(r, 1)->text().toLongLong();
    const QString q =
        tr("Withdraw %1? Their %n episode(s) will leave review approval, QC's ready state and "
           "every export from now on. This is recorded and not taken back.",
           nullptr, int(episodes))
            .arg(who);
    if (!confirm_(q))
        return false;
    return attempt(
        [&] { ann::withdrawParticipant(*store_, user_.toStdString(), who.toStdString()); },
        tr("%1 withdrew; their episodes are excluded.").arg(who));
}

bool ParticipantsDialog::addForm() {
    ann::ConsentForm f;
    f.version = formVersion_->text().trimmed().toStdString();
    f.title = formTitle_->text().trimmed().toStdString();
    f.terms = formTerms_->toPlainText().trimmed().toStdString();
    f.scope = splitScope(formScope_->text());
    const bool ok = attempt([&] { ann::addConsentForm(*store_, user_.toStdString(), f); },
                            tr("Consent form %1 added.").arg(QString::fromStdString(f.version)));
    if (ok) {
        formVersion_->clear();
        formTitle_->clear();
        formTerms_->clear();
        formScope_->clear();
    }
    return ok;
}

} // namespace ts::widgets
